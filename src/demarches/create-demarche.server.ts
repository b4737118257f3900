import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { usableLocalPartners } from "../accueil/local-partners.server";
import { db, type Queryable } from "../db/client.server";
import { demarchePieces, demarches, usagers } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { AppError } from "../platform/app-error";
import { findUsager } from "../usagers/get-usager.server";
import type { CreateDemarcheInput } from "./demarches.schema";

/** A local partner is usable by a structure when it is its own or its département's (the accueil's rule). */
export async function checkLocalPartner(
  actor: Actor,
  structureId: string,
  partenaireLocalId: string | null,
  q: Queryable,
): Promise<void> {
  if (!partenaireLocalId) return;
  const usable = await usableLocalPartners(actor, structureId, q);
  if (!usable.some((partner) => partner.id === partenaireLocalId))
    throw new AppError("partner.unknown", 400, "partenaire");
}

/** Opens a démarche for an usager of the actor's structures; the actor is the agent in charge. */
export async function createDemarche(
  actor: Actor,
  input: CreateDemarcheInput,
  context: RequestContext = {},
): Promise<string> {
  return db().transaction(async (tx) => {
    const usager = await findUsager(actor, input.usagerId, tx).catch(() => {
      throw new AppError("usager.not_found", 404, "usagerId");
    });
    const now = new Date();
    await checkLocalPartner(actor, usager.structureId, input.partenaire.partenaireLocalId, tx);
    const [row] = await tx
      .insert(demarches)
      .values({
        structureId: usager.structureId,
        usagerId: usager.id,
        partnerKey: input.partenaire.partnerKey,
        partenaireLocalId: input.partenaire.partenaireLocalId,
        situationKey: input.situationKey,
        titre: input.titre,
        pourLeCompte: input.pourLeCompte,
        prochaineEtape: input.prochaineEtape,
        prochaineEtapeLe: input.prochaineEtapeLe,
        agentId: actor.userId,
        notes: input.notes,
        createdBy: actor.userId,
        createdAt: now,
        lastActivityAt: now,
      })
      .returning({ id: demarches.id });
    if (input.pieces.length) {
      await tx
        .insert(demarchePieces)
        .values(input.pieces.map((libelle, index) => ({ demarcheId: row.id, position: index + 1, libelle })));
    }
    await tx.update(usagers).set({ updatedAt: now }).where(eq(usagers.id, usager.id));
    await auditPersonalData(
      actor,
      "demarche.created",
      { type: "demarche", id: row.id, structureId: usager.structureId },
      context,
      tx,
    );
    return row.id;
  });
}
