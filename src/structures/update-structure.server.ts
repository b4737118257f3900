import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { structureScope } from "../acces/tenant-scope.server";
import { recordAudit } from "../audit/journal.server";
import { db, type Queryable } from "../db/client.server";
import { structures } from "../db/schema";
import { AppError } from "../platform/app-error";
import { resolveStructureInput } from "./create-structure.server";
import { getStructure } from "./get-structure.server";
import type { StructureInput } from "./structures.schema";

/**
 * Updates a structure of the actor's scope with the same checks as creation: the new commune
 * must be in the actor's départements too, so a coordinateur cannot move a structure out of them.
 */
export async function updateStructure(
  actor: Actor,
  id: string,
  input: StructureInput,
  q: Queryable = db(),
): Promise<void> {
  await q.transaction(async (tx) => {
    await getStructure(actor, id, tx);
    const values = await resolveStructureInput(actor, input, tx, id);
    if (values.format === "antenne") {
      const [child] = await tx
        .select({ id: structures.id })
        .from(structures)
        .where(eq(structures.parentStructureId, id))
        .limit(1);
      if (child) throw new AppError("structure.has_antennes", 400, "format");
    }
    const updated = await tx
      .update(structures)
      .set({ ...values, updatedAt: new Date() })
      .where(
        and(
          eq(structures.id, id),
          structureScope(actor, { structureId: structures.id, departement: structures.departement }),
        ),
      )
      .returning({ id: structures.id });
    if (updated.length === 0) throw new AppError("structure.not_found", 404);
    await recordAudit(
      { action: "structure.updated", ...auditActor(actor), structureId: id, targetType: "structure", targetId: id },
      tx,
    );
  });
}
