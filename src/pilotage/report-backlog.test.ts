import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Actor } from "../acces/actor.server";
import { passageSchema } from "../accueil/accueil.schema";
import { recordPassage } from "../accueil/record-passage.server";
import { db, queryRows, withDb } from "../db/client.server";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { parsePeriod } from "./period";
import { buildReport } from "./report.server";
import { foldRollups } from "./rollups.server";

/**
 * Rows a piece of work reads from the tables (sequential and index fetches), counted by the
 * database for one transaction: deterministic, unlike a duration.
 */
async function rowsReadBy(work: () => Promise<unknown>): Promise<number> {
  return db().transaction(async (tx) => {
    const read = async () => {
      const [row] = await queryRows<{ n: string }>(
        tx,
        sql`select coalesce(sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)), 0)::bigint as n from pg_stat_xact_user_tables`,
      );
      return Number(row.n);
    };
    const before = await read();
    await withDb(tx, work);
    return (await read()) - before;
  });
}

const caf = {
  partenaires: ["caf"],
  situations: ["allocation_logement"],
  aides: ["demarche_en_ligne"],
  autonomie: "partiellement",
  issue: "resolu_sur_place",
};

async function agentOf(structureId: string): Promise<Actor> {
  return testActor((await createTestUser([{ role: "agent", structureId }])).userId);
}

describe("the cost of a report and the network's backlog", () => {
  it("a structure's dashboard reads the same rows whether 0 or 1,000 recordings of other structures wait for the fold", async () => {
    const ici = await createTestStructure({ departement: "57", communeInsee: "57463", codePostal: "57000" });
    const ailleurs = await createTestStructure({ departement: "57", communeInsee: "57672", codePostal: "57100" });
    const agentIci = await agentOf(ici);
    const agentAilleurs = await agentOf(ailleurs);
    const national = await testActor((await createTestUser([{ role: "national" }])).userId);
    const record = (actor: Actor, debut: string) =>
      recordPassage(actor, passageSchema.parse({ debut, sollicitations: [caf] }));
    await record(agentIci, "2026-07-06T08:00:00Z");
    // 1,000 recordings of another structure of the département, folded: nothing of theirs waits.
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        record(agentAilleurs, `2026-08-03T${String(6 + (i % 10)).padStart(2, "0")}:00:00Z`),
      ),
    );
    await foldRollups();
    await record(agentIci, "2026-07-07T08:00:00Z"); // the structure's own recording, waiting
    // The planner reads table statistics as autovacuum keeps them.
    await queryRows(db(), sql`analyze`);

    const period = parsePeriod("2026-Q3") as NonNullable<ReturnType<typeof parsePeriod>>;
    const dashboard = () => buildReport(agentIci, { level: "structure", id: ici, period });
    const nationalReport = () => buildReport(national, { level: "national", id: null, period });
    const quiet = await rowsReadBy(dashboard);
    const nationalQuiet = await rowsReadBy(nationalReport);
    expect((await dashboard()).totaux.passages).toBe(2);

    // The same tables, now with the other structure's 1,000 recordings waiting for the fold.
    await queryRows(db(), sql`select stat_mark(array(select id from passages where structure_id = ${ailleurs}))`);
    await queryRows(db(), sql`analyze`);

    expect(await rowsReadBy(dashboard)).toBe(quiet);
    expect((await dashboard()).totaux.passages).toBe(2);
    // The measure does see a backlog where it is read: the national report reads those recordings.
    expect(await rowsReadBy(nationalReport)).toBeGreaterThan(nationalQuiet + 1000);
  });
});
