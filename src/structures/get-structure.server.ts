import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../acces/actor.server";
import { errorResponse } from "../acces/guards.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable } from "../db/client.server";
import { structures } from "../db/schema";
import { AppError, isAppError } from "../platform/app-error";
import { isUuid } from "../platform/validation";

const parent = alias(structures, "parent");

export type StructureDetail = typeof structures.$inferSelect & { parentNom: string | null };

/** One structure of the actor's scope; anything else (unknown, out of scope, malformed id) is "not found". */
export async function getStructure(actor: Actor, id: string, q: Queryable = db()): Promise<StructureDetail> {
  if (!isUuid(id)) throw new AppError("structure.not_found", 404);
  const [row] = await q
    .select({ structure: structures, parentNom: parent.nom })
    .from(structures)
    .leftJoin(parent, eq(parent.id, structures.parentStructureId))
    .where(
      and(
        eq(structures.id, id),
        structureScope(actor, { structureId: structures.id, departement: structures.departement }),
      ),
    );
  if (!row) throw new AppError("structure.not_found", 404);
  return { ...row.structure, parentNom: row.parentNom };
}

/** For loaders and actions: the structure, or a thrown 404 (DSFR page, or JSON for the API). */
export async function requireStructure(request: Request, actor: Actor, id: string): Promise<StructureDetail> {
  try {
    return await getStructure(actor, id);
  } catch (error) {
    if (isAppError(error)) throw errorResponse(request, error.code, error.status);
    throw error;
  }
}
