import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { passageSchema } from "../accueil/accueil.schema";
import { correctPassage } from "../accueil/correct-passage.server";
import { deletePassage } from "../accueil/delete-passage.server";
import { recordPassage } from "../accueil/record-passage.server";
import { db, queryRows } from "../db/client.server";
import { parisDay } from "../platform/time";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { aggregateByDimension, evolution, totalsBy } from "./aggregate.server";
import { pendingWork } from "./pending-work.server";
import { foldRollups } from "./rollups.server";

const today = parisDay();
const period = { from: today, to: today };
const caf = {
  partenaires: ["caf"],
  situations: ["allocation_logement"],
  aides: ["demarche_en_ligne"],
  autonomie: "partiellement",
  issue: "resolu_sur_place",
};

function count(
  rows: Array<{ dimension: string; valeur: string; passages: number }>,
  dimension: string,
  valeur: string,
) {
  return rows.find((row) => row.dimension === dimension && row.valeur === valeur)?.passages ?? 0;
}

describe("pending work (ADR 026)", () => {
  it("follows every change of a waiting passage, and reports agree before and after the fold", async () => {
    const structureId = await createTestStructure();
    const { userId } = await createTestUser([{ role: "agent", structureId }]);
    const actor = await testActor(userId);
    const scope = { kind: "structure" as const, structureId };
    const first = await recordPassage(actor, passageSchema.parse({ canal: "accueil_physique", sollicitations: [caf] }));
    const second = await recordPassage(
      actor,
      passageSchema.parse({ canal: "accueil_physique", sollicitations: [caf] }),
    );

    // Read once: both passages are now cached under their marks.
    let rows = await aggregateByDimension(scope, period);
    expect(count(rows, "canal", "accueil_physique")).toBe(2);

    // A correction gives the passage a new mark: the cached contribution is not reused.
    await correctPassage(actor, first.id, passageSchema.parse({ canal: "telephone", sollicitations: [caf] }));
    rows = await aggregateByDimension(scope, period);
    expect([
      count(rows, "canal", "accueil_physique"),
      count(rows, "canal", "telephone"),
      count(rows, "total", ""),
    ]).toEqual([1, 1, 2]);

    // A deletion drops the mark: the passage no longer counts.
    await deletePassage(actor, second.id, "Erreur de saisie");
    rows = await aggregateByDimension(scope, period);
    expect([count(rows, "canal", "accueil_physique"), count(rows, "total", "")]).toEqual([0, 1]);
    expect((await totalsBy("structure", scope, period)).find((row) => row.cle === structureId)?.passages).toBe(1);
    const before = { rows, evolution: await evolution(scope, period) };

    expect(await foldRollups()).toBeGreaterThan(0);
    expect(await pendingWork(db(), scope)).toEqual([]);
    const after = { rows: await aggregateByDimension(scope, period), evolution: await evolution(scope, period) };
    const sorted = (list: typeof rows) =>
      [...list].sort((a, b) => `${a.dimension}/${a.valeur}`.localeCompare(`${b.dimension}/${b.valeur}`));
    expect(sorted(after.rows)).toEqual(sorted(before.rows));
    expect(after.evolution).toEqual(before.evolution);
  });

  it("reads each scope's own waiting passages only", async () => {
    const [mine, other] = [await createTestStructure(), await createTestStructure()];
    const { userId } = await createTestUser([{ role: "agent", structureId: other }]);
    await recordPassage(
      await testActor(userId),
      passageSchema.parse({ canal: "accueil_physique", sollicitations: [caf] }),
    );
    const rows = await pendingWork(db(), { kind: "structure", structureId: mine });
    expect(rows).toEqual([]);
    const [{ n }] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from stat_queue where structure_id = ${other}`,
    );
    expect(n).toBeGreaterThan(0);
    const theirs = await pendingWork(db(), { kind: "structure", structureId: other });
    expect(theirs.filter((row) => row.dimension === "total").map((row) => row.structureId)).toEqual([other]);
  });
});
