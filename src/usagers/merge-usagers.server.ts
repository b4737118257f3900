import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { demarches, mandats, usagerIdentifiants, usagers } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { AppError } from "../platform/app-error";
import { findUsager } from "./get-usager.server";

/**
 * Merges a duplicate file into the kept one (same structure): démarches, mandates and identifiers
 * move over, empty fields of the kept file take the duplicate's values, the duplicate is deleted.
 * Both ids are journaled.
 */
export async function mergeUsagers(
  actor: Actor,
  keptId: string,
  duplicateId: string,
  context: RequestContext = {},
): Promise<void> {
  if (keptId === duplicateId) throw new AppError("usager.merge_same", 400, "duplicateId");
  await db().transaction(async (tx) => {
    const kept = await findUsager(actor, keptId, tx);
    const duplicate = await findUsager(actor, duplicateId, tx).catch(() => {
      throw new AppError("usager.not_found", 404, "duplicateId");
    });
    if (duplicate.structureId !== kept.structureId) throw new AppError("usager.not_found", 404, "duplicateId");
    const types = await tx
      .select({ usagerId: usagerIdentifiants.usagerId, type: usagerIdentifiants.type })
      .from(usagerIdentifiants)
      .where(inArray(usagerIdentifiants.usagerId, [kept.id, duplicate.id]));
    const keptTypes = new Set(types.filter((row) => row.usagerId === kept.id).map((row) => row.type));
    if (types.some((row) => row.usagerId === duplicate.id && keptTypes.has(row.type)))
      throw new AppError("usager.merge_identifier_conflict", 409);
    await tx.update(demarches).set({ usagerId: kept.id }).where(eq(demarches.usagerId, duplicate.id));
    await tx.update(mandats).set({ usagerId: kept.id }).where(eq(mandats.usagerId, duplicate.id));
    await tx.update(usagerIdentifiants).set({ usagerId: kept.id }).where(eq(usagerIdentifiants.usagerId, duplicate.id));
    await tx
      .update(usagers)
      .set({
        dateNaissance: kept.dateNaissance ?? duplicate.dateNaissance,
        telephone: kept.telephone ?? duplicate.telephone,
        email: kept.email ?? duplicate.email,
        commune: kept.commune ?? duplicate.commune,
        updatedAt: new Date(),
      })
      .where(eq(usagers.id, kept.id));
    await tx.delete(usagers).where(and(eq(usagers.id, duplicate.id), eq(usagers.structureId, kept.structureId)));
    for (const id of [kept.id, duplicate.id]) {
      await auditPersonalData(
        actor,
        "usager.merged",
        { type: "usager", id, structureId: kept.structureId },
        context,
        tx,
      );
    }
  });
}
