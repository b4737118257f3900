import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../acces/actor.server";
import { passageSchema } from "../accueil/accueil.schema";
import { addSollicitations } from "../accueil/add-sollicitations.server";
import { correctPassage } from "../accueil/correct-passage.server";
import { deletePassage } from "../accueil/delete-passage.server";
import { recordPassage } from "../accueil/record-passage.server";
import { parisDay, shiftDay } from "../platform/time";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { foldRollups, rebuildRollups, verifyRollups } from "./rollups.server";

/**
 * The rollup consistency property: whatever sequence of recordings, corrections, added demands,
 * deletions, folds and rebuilds happens, the rollups (plus what is pending) equal a recomputation from the
 * raw records, before and after a final fold.
 */
const DEMANDES = [
  {
    partenaires: ["caf"],
    situations: ["allocation_logement"],
    aides: ["demarche_en_ligne"],
    autonomie: "partiellement",
    issue: "resolu_sur_place",
  },
  {
    partenaires: ["france_titres"],
    situations: ["papiers_identite"],
    aides: ["demarche_en_ligne", "information"],
    autonomie: "entierement",
    issue: "rdv_partenaire",
    signalements: ["difficulte_numerique"],
  },
  {
    partenaires: ["dgfip", "caf"],
    situations: ["declarer_impots"],
    aides: ["information"],
    autonomie: "autonome",
    issue: "oriente_partenaire",
  },
  {
    horsPartenaires: true,
    aides: ["outils_numeriques"],
    autonomie: "autonome",
    issue: "resolu_sur_place",
    signalements: ["non_recours", "allophone"],
  },
];

const passageArbitrary = fc.record({
  canal: fc.constantFrom("accueil_physique", "telephone", "courriel", "hors_les_murs"),
  dureeMinutes: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
  genre: fc.option(fc.constantFrom("femme", "homme", "autre"), { nil: undefined }),
  trancheAge: fc.option(fc.constantFrom("moins_26", "40_54", "75_plus"), { nil: undefined }),
  daysAgo: fc.integer({ min: 1, max: 25 }),
  hour: fc.integer({ min: 7, max: 16 }),
  demandes: fc.array(fc.constantFrom(...DEMANDES), { minLength: 1, maxLength: 3 }),
});

type PassageValues = fc.Arbitrary<typeof passageArbitrary extends fc.Arbitrary<infer T> ? T : never>;

function toInput(values: PassageValues extends fc.Arbitrary<infer T> ? T : never) {
  const day = shiftDay(parisDay(), -values.daysAgo);
  return passageSchema.parse({
    debut: `${day}T${String(values.hour).padStart(2, "0")}:15:00Z`,
    canal: values.canal,
    dureeMinutes: values.dureeMinutes,
    genre: values.genre,
    trancheAge: values.trancheAge,
    equipements: values.canal === "accueil_physique" ? ["imprimante"] : [],
    sollicitations: values.demandes,
  });
}

const operation = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("record" as const), passage: passageArbitrary }), weight: 3 },
  {
    arbitrary: fc.record({ kind: fc.constant("correct" as const), target: fc.nat(), passage: passageArbitrary }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("add" as const),
      target: fc.nat(),
      demande: fc.constantFrom(...DEMANDES),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("delete" as const), target: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("fold" as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("rebuild" as const) }), weight: 1 },
);

let agent: Actor;

beforeAll(async () => {
  const structureId = await createTestStructure();
  agent = await testActor((await createTestUser([{ role: "agent", structureId }])).userId);
});

describe("rollups", () => {
  it("equal a recomputation from the raw records after any sequence of changes", async () => {
    const period = { from: shiftDay(parisDay(), -41), to: parisDay() };
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 16 }), async (operations) => {
        const live: string[] = [];
        for (const op of operations) {
          if (op.kind === "record") {
            live.push((await recordPassage(agent, toInput(op.passage))).id);
          } else if (op.kind === "fold") {
            await foldRollups();
          } else if (op.kind === "rebuild") {
            await rebuildRollups(period);
          } else if (live.length > 0) {
            const id = live[op.target % live.length];
            if (op.kind === "correct") await correctPassage(agent, id, toInput(op.passage));
            if (op.kind === "add")
              await addSollicitations(agent, id, [passageSchema.shape.sollicitations.element.parse(op.demande)]);
            if (op.kind === "delete") {
              await deletePassage(agent, id, "Saisie en double");
              live.splice(live.indexOf(id), 1);
            }
          }
        }
        const pending = await verifyRollups(period);
        expect(pending.mismatches).toEqual([]);
        await foldRollups();
        expect((await verifyRollups(period)).mismatches).toEqual([]);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
