import { randomUUID } from "node:crypto";
import { and, eq, isNull, notInArray } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { demarches, usagerIdentifiants, usagers } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { CLOSED_STATUTS } from "../donnees-personnelles/demarches.labels";
import { AppError } from "../platform/app-error";
import { encrypt } from "../platform/encryption.server";
import { findUsager, identifiantAad } from "./get-usager.server";
import type { IdentifiantInput } from "./usagers.schema";

/**
 * Partner identifiers: stored only for an open démarche of the usager that needs them, encrypted,
 * shown masked; each reveal is journaled. One identifier per type: a new one replaces the old.
 */
export async function addIdentifiant(
  actor: Actor,
  usagerId: string,
  input: IdentifiantInput,
  context: RequestContext = {},
): Promise<string> {
  return db().transaction(async (tx) => {
    const usager = await findUsager(actor, usagerId, tx);
    const [demarche] = await tx
      .select({ id: demarches.id })
      .from(demarches)
      .where(
        and(
          eq(demarches.id, input.demarcheId),
          eq(demarches.usagerId, usager.id),
          isNull(demarches.destroyedAt),
          notInArray(demarches.statut, [...CLOSED_STATUTS]),
        ),
      );
    if (!demarche) throw new AppError("usager.identifier_demarche_required", 400, "demarcheId");
    const id = randomUUID();
    const sealed = encrypt(input.valeur, identifiantAad(id));
    await tx
      .delete(usagerIdentifiants)
      .where(and(eq(usagerIdentifiants.usagerId, usager.id), eq(usagerIdentifiants.type, input.type)));
    await tx.insert(usagerIdentifiants).values({
      id,
      usagerId: usager.id,
      demarcheId: demarche.id,
      type: input.type,
      chiffre: sealed.value,
      keyId: sealed.keyId,
    });
    await tx.update(usagers).set({ updatedAt: new Date() }).where(eq(usagers.id, usager.id));
    await auditPersonalData(
      actor,
      "usager.identifier_added",
      { type: "usager_identifiant", id, structureId: usager.structureId },
      context,
      tx,
    );
    return id;
  });
}
