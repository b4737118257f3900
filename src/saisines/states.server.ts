import { inArray } from "drizzle-orm";
import { db, type Queryable } from "../db/client.server";
import { saisineMessages } from "../db/schema";
import { type SaisineState, saisineState, type ThreadMessage } from "./status";

/**
 * The computed state of many saisines at once (one query for all their threads), as a lookup by
 * saisine id that throws for an id not among the rows given.
 */
export async function statesOf(
  rows: ReadonlyArray<{ id: string; groupId: string }>,
  q: Queryable = db(),
): Promise<(saisineId: string) => SaisineState> {
  const states = new Map<string, SaisineState>();
  const stateOf = (saisineId: string): SaisineState => {
    const state = states.get(saisineId);
    if (!state) throw new Error(`No state computed for saisine ${saisineId}.`);
    return state;
  };
  if (rows.length === 0) return stateOf;
  const messages = await q
    .select({
      saisineId: saisineMessages.saisineId,
      side: saisineMessages.side,
      type: saisineMessages.type,
      at: saisineMessages.at,
      targetGroupId: saisineMessages.targetGroupId,
      usefulness: saisineMessages.usefulness,
    })
    .from(saisineMessages)
    .where(
      inArray(
        saisineMessages.saisineId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(saisineMessages.seq);
  const threads = new Map<string, ThreadMessage[]>();
  for (const message of messages) {
    const thread = threads.get(message.saisineId) ?? [];
    thread.push(message as ThreadMessage);
    threads.set(message.saisineId, thread);
  }
  for (const row of rows) states.set(row.id, saisineState(row.groupId, threads.get(row.id) ?? []));
  return stateOf;
}
