import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { usagers } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { searchKey } from "./create-usager.server";
import { findUsager } from "./get-usager.server";
import type { UsagerFields } from "./usagers.schema";

/** Right to rectification: the agent corrects the file; the change is journaled (ids only). */
export async function updateUsager(
  actor: Actor,
  id: string,
  input: UsagerFields,
  context: RequestContext = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    const row = await findUsager(actor, id, tx);
    await tx
      .update(usagers)
      .set({
        nom: input.nom,
        prenom: input.prenom,
        nomRecherche: searchKey(input.nom, input.prenom),
        dateNaissance: input.dateNaissance,
        telephone: input.telephone,
        email: input.email,
        commune: input.commune,
        updatedAt: new Date(),
      })
      .where(eq(usagers.id, row.id));
    await auditPersonalData(
      actor,
      "usager.updated",
      { type: "usager", id: row.id, structureId: row.structureId },
      context,
      tx,
    );
  });
}
