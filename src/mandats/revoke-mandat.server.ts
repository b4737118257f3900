import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { demarches, mandatDemarches, mandats } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { isClosedStatut } from "../donnees-personnelles/demarches.labels";
import { AppError } from "../platform/app-error";
import { parisDay, parisInstant } from "../platform/time";
import { findMandat } from "./get-mandat.server";
import type { RevokeInput } from "./mandats.schema";
import { syncMandatEnds } from "./sync-mandat-end.server";

/**
 * The usager withdraws the mandate, whole or for one démarche (partial revocation), with a date
 * and a reason; a printable attestation follows. Withdrawing the last démarche in progress withdraws
 * the whole: the mandate is `revoque` with its revocation date, never merely `termine`.
 */
export async function revokeMandat(
  actor: Actor,
  id: string,
  input: RevokeInput,
  context: RequestContext = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    const row = await findMandat(actor, id, tx);
    if (row.revokedAt) throw new AppError("mandat.not_active", 409);
    if (input.revokedOn < parisDay(row.createdAt) || input.revokedOn > parisDay())
      throw new AppError("mandat.date_invalid", 400, "revokedOn");
    const now = new Date();
    const at = input.revokedOn === parisDay(now) ? now : parisInstant(input.revokedOn, 12 * 60);
    const open = await tx
      .select({ id: mandatDemarches.id, demarcheId: mandatDemarches.demarcheId, statut: demarches.statut })
      .from(mandatDemarches)
      .leftJoin(demarches, eq(demarches.id, mandatDemarches.demarcheId))
      .where(and(eq(mandatDemarches.mandatId, row.id), isNull(mandatDemarches.revokedAt)));
    // Withdrawing the last authorisation of a démarche still in progress withdraws the whole mandate:
    // the others cover démarches that are done (or destroyed), which nothing can act on any more.
    const stillLive = open.filter(
      (authorisation) =>
        authorisation.demarcheId !== input.demarcheId &&
        authorisation.demarcheId !== null &&
        authorisation.statut !== null &&
        !isClosedStatut(authorisation.statut),
    );
    const whole = input.demarcheId === null || stillLive.length === 0;
    if (input.demarcheId !== null) {
      const authorisation = open.find((candidate) => candidate.demarcheId === input.demarcheId);
      if (!authorisation) throw new AppError("mandat.authorisation_not_found", 404, "demarcheId");
      await tx
        .update(mandatDemarches)
        .set({ revokedAt: at, revocationReason: input.motif })
        .where(eq(mandatDemarches.id, authorisation.id));
    }
    if (whole) {
      await tx
        .update(mandats)
        .set({ revokedAt: at, revokedOn: input.revokedOn, revokedBy: actor.userId, revocationReason: input.motif })
        .where(eq(mandats.id, row.id));
      await auditPersonalData(
        actor,
        "mandat.revoked",
        { type: "mandat", id: row.id, structureId: row.structureId },
        context,
        tx,
      );
    } else {
      await syncMandatEnds(tx, { mandatIds: [row.id] }, now);
      await auditPersonalData(
        actor,
        "mandat.authorisation_revoked",
        { type: "mandat", id: row.id, structureId: row.structureId },
        context,
        tx,
      );
    }
  });
}
