import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { usagerIdentifiants } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { findIdentifiant } from "./find-identifiant.server";

export async function deleteIdentifiant(
  actor: Actor,
  usagerId: string,
  identifiantId: string,
  context: RequestContext = {},
): Promise<void> {
  const { usager, row } = await findIdentifiant(actor, usagerId, identifiantId);
  await db().transaction(async (tx) => {
    await tx.delete(usagerIdentifiants).where(eq(usagerIdentifiants.id, row.id));
    await auditPersonalData(
      actor,
      "usager.identifier_deleted",
      { type: "usager_identifiant", id: row.id, structureId: usager.structureId },
      context,
      tx,
    );
  });
}
