import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { passages } from "../db/schema";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { passageSchema } from "./accueil.schema";
import { dayView } from "./day-view.server";
import { recordPassage } from "./record-passage.server";

const caf = {
  partenaires: ["caf"],
  situations: ["allocation_logement"],
  aides: ["information"],
  autonomie: "autonome",
  issue: "resolu_sur_place",
};
const titres = {
  partenaires: ["france_titres"],
  situations: ["papiers_identite"],
  aides: ["demarche_en_ligne"],
  autonomie: "partiellement",
  issue: "resolu_sur_place",
};
const hors = { horsPartenaires: true, aides: ["information"], autonomie: "autonome", issue: "non_resolu" };

let agentA: Actor;
let agentB: Actor;
let responsable: Actor;
let structureId: string;

async function record(
  actor: Actor,
  debut: string,
  values: Record<string, unknown>,
  attenteSecondes: number | null = null,
) {
  return recordPassage(actor, passageSchema.parse({ debut, ...values }), { attenteSecondes });
}

/**
 * The fixed dataset, day 10 March 2026 in Paris (UTC+1):
 * - A 00:30 Paris (9 March 23:30 UTC) téléphone, 1 demand;
 * - A 09:00 accueil physique, wait 300 s, 2 demands, 15 min;
 * - B 11:00 accueil physique, wait 600 s, 1 demand (hors partenaires);
 * - B 14:00 courriel, 1 demand, then deleted (not shown);
 * - A 9 March 23:30 Paris (22:30 UTC): the day before (not shown);
 * - another structure's agent at 10:00 (not shown).
 */
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-03-10T18:00:00Z"));
  structureId = await createTestStructure();
  const other = await createTestStructure();
  agentA = await testActor((await createTestUser([{ role: "agent", structureId, startsOn: "2026-01-01" }])).userId);
  agentB = await testActor((await createTestUser([{ role: "agent", structureId, startsOn: "2026-01-01" }])).userId);
  responsable = await testActor(
    (await createTestUser([{ role: "responsable", structureId, startsOn: "2026-01-01" }])).userId,
  );
  const outsider = await testActor(
    (await createTestUser([{ role: "agent", structureId: other, startsOn: "2026-01-01" }])).userId,
  );
  await record(agentA, "2026-03-09T23:30:00Z", { canal: "telephone", sollicitations: [titres] });
  await record(
    agentA,
    "2026-03-10T08:00:00Z",
    { canal: "accueil_physique", dureeMinutes: "15", sollicitations: [caf, titres] },
    300,
  );
  await record(agentB, "2026-03-10T10:00:00Z", { canal: "accueil_physique", sollicitations: [hors] }, 600);
  const deleted = await record(agentB, "2026-03-10T13:00:00Z", { canal: "courriel", sollicitations: [caf] });
  await db()
    .update(passages)
    .set({ deletedAt: new Date(), deletedBy: responsable.userId, deletionReason: "Saisie en double" })
    .where(eq(passages.id, deleted.id));
  await record(agentA, "2026-03-09T22:30:00Z", { canal: "accueil_physique", sollicitations: [caf] });
  await record(outsider, "2026-03-10T09:00:00Z", { canal: "accueil_physique", sollicitations: [caf] }, 60);
});

afterAll(() => vi.useRealTimers());

describe("the day view", () => {
  it("shows the responsable every passage of the structure that day, with the totals", async () => {
    const view = await dayView(responsable, { jour: "2026-03-10" });
    expect(view.perimetre).toBe("structure");
    expect(
      view.passages.map((passage) => [passage.heure, passage.canal, passage.agentId, passage.attenteSecondes]),
    ).toEqual([
      ["00:30", "telephone", agentA.userId, null],
      ["09:00", "accueil_physique", agentA.userId, 300],
      ["11:00", "accueil_physique", agentB.userId, 600],
    ]);
    expect(view.passages[1]).toMatchObject({
      dureeMinutes: 15,
      agentNom: "Camille Test",
      sollicitations: [
        { partenaires: ["CAF"], situations: ["Je cherche une allocation logement"] },
        { partenaires: ["France Titres"], situations: [expect.stringMatching(/identité/)] },
      ],
    });
    expect(view.passages[2].sollicitations).toEqual([{ partenaires: ["Hors partenaires"], situations: [] }]);
    expect(view.totaux).toEqual({ passages: 3, sollicitations: 4, attenteMoyenneSecondes: 450, attentesMesurees: 2 });
    expect(view.parAgent.map((row) => [row.agentId, row.passages, row.sollicitations]).sort()).toEqual(
      [
        [agentA.userId, 2, 3],
        [agentB.userId, 1, 1],
      ].sort(),
    );
    expect(view.parCanal).toEqual([
      { canal: "accueil_physique", passages: 2, sollicitations: 3 },
      { canal: "telephone", passages: 1, sollicitations: 1 },
    ]);
  });

  it("shows an agent their own records only, and totals of their own", async () => {
    const view = await dayView(agentB, { jour: "2026-03-10" });
    expect(view.perimetre).toBe("agent");
    expect(view.passages.map((passage) => passage.heure)).toEqual(["11:00"]);
    expect(view.totaux).toEqual({ passages: 1, sollicitations: 1, attenteMoyenneSecondes: 600, attentesMesurees: 1 });
    expect(view.parAgent).toEqual([{ agentId: agentB.userId, nom: "Camille Test", passages: 1, sollicitations: 1 }]);
    const viewA = await dayView(agentA, { jour: "2026-03-10" });
    expect(viewA.totaux).toMatchObject({ passages: 2, sollicitations: 3, attenteMoyenneSecondes: 300 });
  });

  it("cuts days at midnight in Paris, and defaults to today", async () => {
    const before = await dayView(responsable, { jour: "2026-03-09" });
    expect(before.passages.map((passage) => passage.heure)).toEqual(["23:30"]);
    const today = await dayView(responsable);
    expect(today.jour).toBe("2026-03-10");
    expect(today.totaux.passages).toBe(3);
    const empty = await dayView(responsable, { jour: "2026-03-11" });
    expect(empty.totaux).toEqual({ passages: 0, sollicitations: 0, attenteMoyenneSecondes: null, attentesMesurees: 0 });
  });
});
