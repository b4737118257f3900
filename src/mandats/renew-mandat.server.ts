import { and, eq, isNull, notInArray } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db, type Queryable } from "../db/client.server";
import { demarches, mandatDemarches, mandats } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { CLOSED_STATUTS } from "../donnees-personnelles/demarches.labels";
import { isRenewable, mandatStatus, validUntil } from "../donnees-personnelles/mandats.rules";
import { AppError } from "../platform/app-error";
import { parisDay } from "../platform/time";
import { findMandat } from "./get-mandat.server";

/** Whether the mandate still authorises (authorisation not withdrawn) a live démarche that is open. */
export async function coversOpenDemarche(mandatId: string, q: Queryable = db()): Promise<boolean> {
  const [row] = await q
    .select({ id: demarches.id })
    .from(mandatDemarches)
    .innerJoin(demarches, eq(demarches.id, mandatDemarches.demarcheId))
    .where(
      and(
        eq(mandatDemarches.mandatId, mandatId),
        isNull(mandatDemarches.revokedAt),
        isNull(demarches.destroyedAt),
        notInArray(demarches.statut, [...CLOSED_STATUTS]),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Renewal ("valable un an renouvelable"): a signed mandate, valid or expired, runs one more year from
 * the renewal day. A mandate that ended with its démarches is renewed only when one of them has
 * reopened, on or after the day it ended; the renewal lifts the end.
 */
export async function renewMandat(
  actor: Actor,
  id: string,
  renewedOn: string,
  context: RequestContext = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    const row = await findMandat(actor, id, tx);
    const status = mandatStatus(row, parisDay());
    const reopened = status === "termine" && (await coversOpenDemarche(row.id, tx));
    if (!row.signedOn || !isRenewable(status, row.signedOn, reopened)) throw new AppError("mandat.not_renewable", 409);
    if (renewedOn < row.signedOn || renewedOn > parisDay()) throw new AppError("mandat.date_invalid", 400, "renewedOn");
    if (row.endedAt && renewedOn < parisDay(row.endedAt))
      throw new AppError("mandat.renewal_before_end", 400, "renewedOn");
    await tx
      .update(mandats)
      .set({ expiresOn: validUntil(renewedOn), renewedAt: new Date(), expiryWarnedAt: null, endedAt: null })
      .where(eq(mandats.id, row.id));
    await auditPersonalData(
      actor,
      "mandat.renewed",
      { type: "mandat", id: row.id, structureId: row.structureId },
      context,
      tx,
    );
  });
}
