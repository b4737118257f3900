import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "../db/client.server";
import { demarches, mandatDemarches, mandats } from "../db/schema";
import { isClosedStatut } from "../donnees-personnelles/demarches.labels";

/**
 * A mandate ends when every démarche it still covers is done (terminée or abandonnée, or destroyed):
 * records `ended_at`. The end is final ("mandat type": valid until the procedures are done): a
 * démarche that reopens does not revive it; it needs an explicit renewal (renew-mandat.server.ts)
 * or a new mandate. Called in the transaction that changes a démarche's status or revokes an
 * authorisation.
 */
export async function syncMandatEnds(
  q: Queryable,
  filter: { demarcheIds?: string[]; mandatIds?: string[] },
  now: Date = new Date(),
): Promise<void> {
  let mandatIds = filter.mandatIds ?? [];
  if (filter.demarcheIds?.length) {
    const rows = await q
      .select({ mandatId: mandatDemarches.mandatId })
      .from(mandatDemarches)
      .where(inArray(mandatDemarches.demarcheId, filter.demarcheIds));
    mandatIds = [...new Set([...mandatIds, ...rows.map((row) => row.mandatId)])];
  }
  if (mandatIds.length === 0) return;
  const open = await q
    .select({ id: mandats.id })
    .from(mandats)
    .where(
      and(
        inArray(mandats.id, mandatIds),
        isNull(mandats.endedAt),
        isNull(mandats.revokedAt),
        isNull(mandats.destroyedAt),
      ),
    );
  for (const mandat of open) {
    const covered = await q
      .select({ statut: demarches.statut, demarcheId: mandatDemarches.demarcheId })
      .from(mandatDemarches)
      .leftJoin(demarches, eq(demarches.id, mandatDemarches.demarcheId))
      .where(and(eq(mandatDemarches.mandatId, mandat.id), isNull(mandatDemarches.revokedAt)));
    const done = covered.every((row) => row.demarcheId === null || row.statut === null || isClosedStatut(row.statut));
    if (done) await q.update(mandats).set({ endedAt: now }).where(eq(mandats.id, mandat.id));
  }
}
