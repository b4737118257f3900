import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { demarches } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { AppError } from "../platform/app-error";
import { destroyDemarches, destroyUsagers } from "../retention/destroy.server";
import { findUsager, usagerMandats } from "../usagers/get-usager.server";

/**
 * Right to erasure: the file and the personal data of all its démarches are destroyed now (the
 * démarches stay as anonymous statistics). Refused while a mandate runs: its revocation comes
 * first. Ended mandates are kept for proof with their minimal data (src/retention).
 */
export async function eraseUsager(actor: Actor, id: string, context: RequestContext = {}): Promise<void> {
  await db().transaction(async (tx) => {
    const usager = await findUsager(actor, id, tx);
    const running = (await usagerMandats(usager.id, tx)).some(
      (mandat) => mandat.statut === "valide" || mandat.statut === "en_attente_signature",
    );
    if (running) throw new AppError("usager.erasure_blocked", 409);
    const live = await tx
      .select({ id: demarches.id })
      .from(demarches)
      .where(and(eq(demarches.usagerId, usager.id), isNull(demarches.destroyedAt)));
    const now = new Date();
    await destroyDemarches(
      tx,
      live.map((row) => row.id),
      now,
    );
    await destroyUsagers(tx, [usager.id]);
    await auditPersonalData(
      actor,
      "usager.erased",
      { type: "usager", id: usager.id, structureId: usager.structureId },
      context,
      tx,
    );
  });
}
