import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { rolesGrant } from "../acces/permissions";
import { canSeeDepartement, structureScope } from "../acces/tenant-scope.server";
import { recordAudit } from "../audit/journal.server";
import { db, type Queryable } from "../db/client.server";
import { structures } from "../db/schema";
import { AppError } from "../platform/app-error";
import { communeByInsee } from "../territoire/territoire";
import type { StructureInput } from "./structures.schema";

/**
 * Checks what the schema cannot: the commune exists, the actor covers its département, an antenne
 * has a parent that is a main structure the actor can see (and not the structure itself).
 * Returns the row values, with the département derived from the commune.
 */
export async function resolveStructureInput(actor: Actor, input: StructureInput, q: Queryable, selfId?: string) {
  if (!rolesGrant(actor.roles, "structure:write")) throw new AppError("auth.forbidden", 403);
  const commune = communeByInsee(input.communeInsee);
  if (!commune) throw new AppError("structure.commune_unknown", 400, "communeInsee");
  if (!canSeeDepartement(actor, commune.departement))
    throw new AppError("structure.scope_forbidden", 403, "communeInsee");
  if (input.format === "antenne") {
    if (!input.parentStructureId) throw new AppError("structure.parent_required", 400, "parentStructureId");
    if (input.parentStructureId === selfId) throw new AppError("structure.parent_invalid", 400, "parentStructureId");
    const [parent] = await q
      .select({ id: structures.id, format: structures.format })
      .from(structures)
      .where(
        and(
          eq(structures.id, input.parentStructureId),
          structureScope(actor, { structureId: structures.id, departement: structures.departement }),
        ),
      );
    if (!parent || parent.format === "antenne")
      throw new AppError("structure.parent_invalid", 400, "parentStructureId");
  }
  return {
    ...input,
    communeInsee: commune.code,
    parentStructureId: input.format === "antenne" ? input.parentStructureId : null,
    departement: commune.departement,
  };
}

export async function createStructure(actor: Actor, input: StructureInput, q: Queryable = db()): Promise<string> {
  return q.transaction(async (tx) => {
    const values = await resolveStructureInput(actor, input, tx);
    const [row] = await tx.insert(structures).values(values).returning({ id: structures.id });
    await recordAudit(
      {
        action: "structure.created",
        ...auditActor(actor),
        structureId: row.id,
        targetType: "structure",
        targetId: row.id,
      },
      tx,
    );
    return row.id;
  });
}
