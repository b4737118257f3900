import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable } from "../db/client.server";
import { fileAttente, passages } from "../db/schema";
import { parisDay } from "../platform/time";
import { isUuid } from "../platform/validation";
import { requireActiveFileAttente } from "./file-attente-settings.server";

export type CalledEntry = {
  id: string;
  ticket: number;
  prenom: string | null;
  arrivedAt: Date;
  calledAt: Date;
  waitingSeconds: number;
};

function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
}

/**
 * "Appeler le suivant": the oldest arrival of the day not called and not gone, in one transaction.
 * The row is locked with `for update skip locked`, so two agents calling at the same moment never
 * get the same person. Null when nobody is waiting.
 */
export async function callNext(actor: Actor): Promise<CalledEntry | null> {
  const structure = await requireActiveFileAttente(actor);
  const calledAt = new Date();
  return db().transaction(async (tx) => {
    const [next] = await tx
      .select({
        id: fileAttente.id,
        ticket: fileAttente.ticket,
        prenom: fileAttente.prenom,
        arrivedAt: fileAttente.arrivedAt,
      })
      .from(fileAttente)
      .where(
        and(
          eq(fileAttente.structureId, structure.id),
          structureScope(actor, { structureId: fileAttente.structureId }),
          eq(fileAttente.jour, parisDay(calledAt)),
          isNull(fileAttente.calledAt),
          isNull(fileAttente.leftAt),
        ),
      )
      .orderBy(asc(fileAttente.arrivedAt), asc(fileAttente.ticket))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!next) return null;
    // An arrival registered on a clock slightly ahead is never "called before it arrived".
    const at = calledAt < next.arrivedAt ? next.arrivedAt : calledAt;
    await tx.update(fileAttente).set({ calledAt: at, calledBy: actor.userId }).where(eq(fileAttente.id, next.id));
    return { ...next, calledAt: at, waitingSeconds: secondsBetween(next.arrivedAt, at) };
  });
}

/**
 * The measured wait of a called person, in seconds (called_at - arrived_at), for the passage the
 * agent records next: pass it to recordPassage as `{ attenteSecondes }`. Null when the entry is
 * unknown, outside the actor's structures, not called yet, or already tied to a passage.
 */
export async function waitingSecondsFor(
  actor: Actor,
  fileAttenteId: string,
  q: Queryable = db(),
): Promise<number | null> {
  if (!isUuid(fileAttenteId)) return null;
  const [row] = await q
    .select({ arrivedAt: fileAttente.arrivedAt, calledAt: fileAttente.calledAt })
    .from(fileAttente)
    .where(
      and(
        eq(fileAttente.id, fileAttenteId),
        structureScope(actor, { structureId: fileAttente.structureId }),
        isNotNull(fileAttente.calledAt),
        isNull(fileAttente.passageId),
      ),
    );
  if (!row?.calledAt) return null;
  return secondsBetween(row.arrivedAt, row.calledAt);
}

/**
 * Ties a called entry to the passage recorded for it (same structure only, once).
 * Returns false when nothing was linked.
 */
export async function linkWaitToPassage(
  fileAttenteId: string,
  passageId: string,
  q: Queryable = db(),
): Promise<boolean> {
  if (!isUuid(fileAttenteId) || !isUuid(passageId)) return false;
  const linked = await q
    .update(fileAttente)
    .set({ passageId })
    .where(
      and(
        eq(fileAttente.id, fileAttenteId),
        isNotNull(fileAttente.calledAt),
        isNull(fileAttente.passageId),
        sql`${fileAttente.structureId} = (select ${passages.structureId} from ${passages} where ${passages.id} = ${passageId})`,
      ),
    )
    .returning({ id: fileAttente.id });
  return linked.length > 0;
}
