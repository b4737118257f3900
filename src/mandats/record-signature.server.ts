import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { mandats } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { validUntil } from "../donnees-personnelles/mandats.rules";
import { AppError } from "../platform/app-error";
import { parisDay } from "../platform/time";
import { findMandat } from "./get-mandat.server";

/** The agent records the day both parties signed the paper originals (no scan is kept): the year starts then. */
export async function recordSignature(
  actor: Actor,
  id: string,
  signedOn: string,
  context: RequestContext = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    const row = await findMandat(actor, id, tx);
    if (row.signedOn) throw new AppError("mandat.already_signed", 409);
    if (row.revokedAt || row.endedAt) throw new AppError("mandat.not_active", 409);
    if (signedOn < parisDay(row.createdAt) || signedOn > parisDay())
      throw new AppError("mandat.date_invalid", 400, "signedOn");
    await tx
      .update(mandats)
      .set({ signedOn, expiresOn: validUntil(signedOn), expiryWarnedAt: null })
      .where(eq(mandats.id, row.id));
    await auditPersonalData(
      actor,
      "mandat.signed",
      { type: "mandat", id: row.id, structureId: row.structureId },
      context,
      tx,
    );
  });
}
