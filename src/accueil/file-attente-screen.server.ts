import { and, count, desc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db } from "../db/client.server";
import { fileAttente } from "../db/schema";
import { parisClock, parisDay } from "../platform/time";
import { fileAttenteStructure } from "./file-attente-settings.server";

/** How many recent calls the waiting-room screen shows. */
export const SCREEN_CALLS = 5;

export type ScreenCall = { id: string; ticket: number; prenom: string | null; calledAt: string };
export type ScreenBoard = {
  structure: { id: string; nom: string; active: boolean };
  calls: ScreenCall[];
  waiting: number;
  /** Paris wall-clock time of the board, "14:05". */
  heure: string;
};

/**
 * What the waiting-room screen of a structure shows: the last people called today (most recent
 * first), how many are waiting, and the time. Only the structure's agents and responsable see it;
 * any other structure is "not found".
 */
export async function loadScreenBoard(actor: Actor, structureId: string, now: Date = new Date()): Promise<ScreenBoard> {
  const structure = await fileAttenteStructure(actor, structureId);
  const today = and(
    eq(fileAttente.structureId, structure.id),
    structureScope(actor, { structureId: fileAttente.structureId }),
    eq(fileAttente.jour, parisDay(now)),
  );
  const calls = await db()
    .select({
      id: fileAttente.id,
      ticket: fileAttente.ticket,
      prenom: fileAttente.prenom,
      calledAt: fileAttente.calledAt,
    })
    .from(fileAttente)
    .where(and(today, isNotNull(fileAttente.calledAt)))
    .orderBy(desc(fileAttente.calledAt), desc(fileAttente.ticket))
    .limit(SCREEN_CALLS);
  const [waiting] = await db()
    .select({ n: count() })
    .from(fileAttente)
    .where(and(today, isNull(fileAttente.calledAt), isNull(fileAttente.leftAt)));
  return {
    structure: { id: structure.id, nom: structure.nom, active: structure.active },
    calls: calls.flatMap((call) =>
      call.calledAt
        ? [{ id: call.id, ticket: call.ticket, prenom: call.prenom, calledAt: parisClock(call.calledAt) }]
        : [],
    ),
    waiting: Number(waiting.n),
    heure: parisClock(now),
  };
}
