import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db, isUniqueViolation, queryRows } from "../db/client.server";
import { fileAttente } from "../db/schema";
import { AppError } from "../platform/app-error";
import { parisDay } from "../platform/time";
import { isUuid } from "../platform/validation";
import { PRENOM_MAX } from "./file-attente.schema";
import { requireActiveFileAttente } from "./file-attente-settings.server";

/** Concurrent arrivals may compute the same next ticket: the unique index refuses one, which retries. */
const TICKET_ATTEMPTS = 20;
export type Arrival = { id: string; ticket: number; jour: string; prenom: string | null; arrivedAt: Date };

/** A first name only: trimmed, 1 to 40 characters; an empty one means "ticket only". */
export function normalizePrenom(value: string | null | undefined): string | null {
  const trimmed = (value ?? "").trim();
  if (!trimmed) return null;
  if ([...trimmed].length > PRENOM_MAX) throw new AppError("validation.failed", 400, "prenom");
  return trimmed;
}

/**
 * Registers an arrival in the actor's current structure: the next ticket of the Paris day, and
 * optionally a first name (nothing else is ever asked). The number is computed inside the insert.
 */
export async function registerArrival(actor: Actor, input: { prenom?: string | null } = {}): Promise<Arrival> {
  const structure = await requireActiveFileAttente(actor);
  const prenom = normalizePrenom(input.prenom);
  const arrivedAt = new Date();
  const jour = parisDay(arrivedAt);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const [row] = await queryRows<{ id: string; ticket: number }>(
        db(),
        sql`insert into ${fileAttente} (structure_id, jour, ticket, prenom, arrived_at)
          select ${structure.id}, ${jour}, coalesce(max(${fileAttente.ticket}), 0) + 1, ${prenom}, ${arrivedAt.toISOString()}::timestamptz
          from ${fileAttente} where ${fileAttente.structureId} = ${structure.id} and ${fileAttente.jour} = ${jour}
          returning id, ticket`,
      );
      return { id: row.id, ticket: Number(row.ticket), jour, prenom, arrivedAt };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= TICKET_ATTEMPTS) throw error;
    }
  }
}

/** "Parti sans être reçu": the person left before being called. */
export async function markLeft(actor: Actor, entryId: string): Promise<void> {
  const structure = await requireActiveFileAttente(actor);
  if (!isUuid(entryId)) throw new AppError("file_attente.entry_not_found", 404);
  const updated = await db()
    .update(fileAttente)
    .set({ leftAt: new Date() })
    .where(
      and(
        eq(fileAttente.id, entryId),
        eq(fileAttente.structureId, structure.id),
        structureScope(actor, { structureId: fileAttente.structureId }),
        isNull(fileAttente.calledAt),
        isNull(fileAttente.leftAt),
      ),
    )
    .returning({ id: fileAttente.id });
  if (updated.length === 0) throw new AppError("file_attente.entry_not_found", 404);
}

export type WaitingEntry = {
  id: string;
  ticket: number;
  prenom: string | null;
  arrivedAt: Date;
  waitingSeconds: number;
};

/** Who is waiting today in a structure, oldest first, with their wait so far. */
export async function listWaiting(actor: Actor, structureId: string, now: Date = new Date()): Promise<WaitingEntry[]> {
  const rows = await db()
    .select({
      id: fileAttente.id,
      ticket: fileAttente.ticket,
      prenom: fileAttente.prenom,
      arrivedAt: fileAttente.arrivedAt,
    })
    .from(fileAttente)
    .where(
      and(
        eq(fileAttente.structureId, structureId),
        structureScope(actor, { structureId: fileAttente.structureId }),
        eq(fileAttente.jour, parisDay(now)),
        isNull(fileAttente.calledAt),
        isNull(fileAttente.leftAt),
      ),
    )
    .orderBy(asc(fileAttente.arrivedAt), asc(fileAttente.ticket));
  return rows.map((row) => ({
    ...row,
    waitingSeconds: Math.max(0, Math.floor((now.getTime() - row.arrivedAt.getTime()) / 1000)),
  }));
}
