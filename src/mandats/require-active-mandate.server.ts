import { and, desc, eq, isNull } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db, type Queryable } from "../db/client.server";
import { mandatDemarches, mandats } from "../db/schema";
import { usagerDataScope } from "../donnees-personnelles/access.server";
import { isActive } from "../donnees-personnelles/mandats.rules";
import { AppError } from "../platform/app-error";
import { parisDay } from "../platform/time";

/**
 * The guard of every action "au nom et pour le compte de l'usager" (flagged démarches, saisines,
 * requests for communication of personal data): a mandate of the actor's structures, signed, in
 * force today, given by this usager, whose authorisation for this démarche is not revoked.
 * Returns the mandate's id (to record under which mandate the action was done), or throws
 * `mandat.required` with a clear French message.
 */
export async function requireActiveMandate(
  actor: Actor,
  usagerId: string,
  demarcheId: string,
  q: Queryable = db(),
  now: Date = new Date(),
): Promise<string> {
  const rows = await q
    .select({ mandat: mandats })
    .from(mandatDemarches)
    .innerJoin(mandats, eq(mandats.id, mandatDemarches.mandatId))
    .where(
      and(
        eq(mandatDemarches.demarcheId, demarcheId),
        isNull(mandatDemarches.revokedAt),
        eq(mandats.usagerId, usagerId),
        isNull(mandats.destroyedAt),
        usagerDataScope(actor, mandats.structureId),
      ),
    )
    .orderBy(desc(mandats.createdAt));
  const today = parisDay(now);
  const active = rows.find((row) => isActive(row.mandat, today));
  if (!active) throw new AppError("mandat.required", 403);
  return active.mandat.id;
}
