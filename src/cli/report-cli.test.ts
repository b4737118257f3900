import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connect } from "../db/client.server";
import { setupCli } from "../test/cli-harness";

const { guichet, env } = setupCli("report_cli");

describe("guichet report", () => {
  it("prints the national JSON report, and verifies the rollups: exact, then a mismatch with exit code 3, repaired by a rebuild", async () => {
    const json = await guichet(["report", "--level", "national", "--period", "2026-Q3", "--format", "json"]);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      niveau: "national",
      id: null,
      periode: { code: "2026-Q3", du: "2026-07-01", au: "2026-09-30" },
      totaux: { passages: 0, sollicitations: 0 },
    });
    expect(report.repartitions.length).toBeGreaterThan(10);

    const exact = await guichet(["report", "verify", "--period", "2026"]);
    expect(exact.code, exact.stderr).toBe(0);
    expect(exact.stdout).toContain("Cumuls exacts");

    // A pending delta that no record explains: the verification must see it.
    const handle = await connect({ databaseUrl: env().DATABASE_URL, dataDir: env().DATA_DIR });
    await handle.db.execute(
      sql`insert into stat_deltas (structure_id, jour, dimension, valeur, passages, sollicitations, duree_somme, duree_nombre, attente_somme, attente_nombre)
          values ('00000000-0000-0000-0000-000000000001', '2026-03-02', 'total', '', 1, 1, 0, 0, 0, 0)`,
    );
    await handle.close();
    const mismatch = await guichet(["report", "verify", "--period", "2026-Q1"]);
    expect(mismatch.code).toBe(3);
    expect(mismatch.stdout).toContain("Cumuls inexacts");
    expect(mismatch.stdout).toContain("00000000-0000-0000-0000-000000000001");

    // A rebuild recomputes the months from the records: the stray delta is gone.
    const rebuilt = await guichet(["report", "rebuild", "--period", "2026-03"]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain("Cumuls reconstruits : 1 mois (2026-03)");
    expect((await guichet(["report", "verify", "--period", "2026-Q1"])).code).toBe(0);
    expect((await guichet(["report", "rebuild", "--period", "bientôt"])).code).toBe(2);
  }, 180_000);
});
