import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { mandats } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { mandatStatus, validUntil } from "../donnees-personnelles/mandats.rules";
import { AppError } from "../platform/app-error";
import { parisDay } from "../platform/time";
import { findMandat } from "./get-mandat.server";

/** Renewal ("valable un an renouvelable"): a signed mandate, valid or expired, runs one more year from the renewal day. */
export async function renewMandat(
  actor: Actor,
  id: string,
  renewedOn: string,
  context: RequestContext = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    const row = await findMandat(actor, id, tx);
    const status = mandatStatus(row, parisDay());
    if (!row.signedOn || (status !== "valide" && status !== "expire")) throw new AppError("mandat.not_renewable", 409);
    if (renewedOn < row.signedOn || renewedOn > parisDay()) throw new AppError("mandat.date_invalid", 400, "renewedOn");
    await tx
      .update(mandats)
      .set({ expiresOn: validUntil(renewedOn), renewedAt: new Date(), expiryWarnedAt: null })
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
