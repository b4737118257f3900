import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { recordAudit } from "../audit/journal.server";
import { db, type Queryable } from "../db/client.server";
import { structures } from "../db/schema";
import { AppError } from "../platform/app-error";
import { getStructure } from "./get-structure.server";
import type { StructureContactsInput } from "./structures.schema";

/**
 * The responsable updates the public contact details (telephone, e-mail) of a structure she is
 * responsable of; an agent of the same structure, or the responsable of another one, may not.
 */
export async function updateStructureContacts(
  actor: Actor,
  id: string,
  input: StructureContactsInput,
  q: Queryable = db(),
): Promise<void> {
  await q.transaction(async (tx) => {
    await getStructure(actor, id, tx);
    if (!actor.responsableStructureIds.includes(id)) throw new AppError("auth.forbidden", 403);
    await tx
      .update(structures)
      .set({ telephone: input.telephone, email: input.email, updatedAt: new Date() })
      .where(eq(structures.id, id));
    await recordAudit(
      { action: "structure.updated", ...auditActor(actor), structureId: id, targetType: "structure", targetId: id },
      tx,
    );
  });
}
