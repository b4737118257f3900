import { inArray } from "drizzle-orm";
import { db, type Queryable } from "../db/client.server";
import { saisineMessages } from "../db/schema";
import { type SaisineState, saisineState, type ThreadMessage } from "./status";

/** The computed state of many saisines at once (one query for all their threads). */
export async function statesOf(
  rows: ReadonlyArray<{ id: string; groupId: string }>,
  q: Queryable = db(),
): Promise<Map<string, SaisineState>> {
  const states = new Map<string, SaisineState>();
  if (rows.length === 0) return states;
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
  return states;
}
