import type { Actor } from "../acces/actor.server";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { decrypt } from "../platform/encryption.server";
import { findIdentifiant } from "./find-identifiant.server";
import { identifiantAad } from "./get-usager.server";

/** The number in clear, for this one display; the reveal is journaled before it is returned. */
export async function revealIdentifiant(
  actor: Actor,
  usagerId: string,
  identifiantId: string,
  context: RequestContext = {},
): Promise<{ id: string; type: string; valeur: string }> {
  const { usager, row } = await findIdentifiant(actor, usagerId, identifiantId);
  const valeur = decrypt(row.chiffre, identifiantAad(row.id));
  await auditPersonalData(
    actor,
    "usager.identifier_revealed",
    { type: "usager_identifiant", id: row.id, structureId: usager.structureId },
    context,
  );
  return { id: row.id, type: row.type, valeur };
}
