import type { Actor } from "../acces/actor.server";
import { normalizeSearch } from "../accueil/search-normalize";
import { db } from "../db/client.server";
import { usagers } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { AppError } from "../platform/app-error";
import type { CreateUsagerInput } from "./usagers.schema";

/** The structure an usager file belongs to: the one the actor works in now. */
export function currentUsagerStructure(actor: Actor): string {
  const structureId = actor.currentStructureId;
  if (!structureId || !actor.structureIds.includes(structureId)) throw new AppError("usager.structure_required", 403);
  return structureId;
}

export function searchKey(nom: string, prenom: string): string {
  return normalizeSearch(`${nom} ${prenom}`);
}

/** Creates a file, once the agent has confirmed the usager received the information notice. */
export async function createUsager(
  actor: Actor,
  input: CreateUsagerInput,
  context: RequestContext = {},
): Promise<string> {
  const structureId = currentUsagerStructure(actor);
  const now = new Date();
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(usagers)
      .values({
        structureId,
        nom: input.nom,
        prenom: input.prenom,
        nomRecherche: searchKey(input.nom, input.prenom),
        dateNaissance: input.dateNaissance,
        telephone: input.telephone,
        email: input.email,
        commune: input.commune,
        noticeRemiseAt: now,
        createdBy: actor.userId || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: usagers.id });
    await auditPersonalData(actor, "usager.created", { type: "usager", id: row.id, structureId }, context, tx);
    return row.id;
  });
}
