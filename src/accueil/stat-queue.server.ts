import { sql } from "drizzle-orm";
import type { Queryable } from "../db/client.server";
import { uuidArray } from "../db/uuid-array";

/**
 * The accueil's side of the rollups (ADR 010; src/pilotage/rollups.server.ts folds and reads them).
 * A transaction that records passages marks them (+1: `stat_mark`, one cheap insert); one that
 * changes or deletes a passage calls this with -1 first (`stat_before_change`: subtracts its folded
 * contribution, or drops its unfolded mark) and +1 after. The fold computes contributions with
 * `stat_contributions`, the same function `verifyRollups` recomputes.
 */
export async function enqueueStatContributions(q: Queryable, passageIds: string[], sign: 1 | -1): Promise<void> {
  if (passageIds.length === 0) return;
  if (sign === 1) {
    await q.execute(sql`select stat_mark(${uuidArray(passageIds)})`);
    return;
  }
  for (const id of passageIds) await q.execute(sql`select stat_before_change(${id}::uuid)`);
}
