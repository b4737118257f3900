import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../db/client.server";
import { structures } from "../db/schema";
import { AppError } from "../platform/app-error";

/** Refuses structures that do not exist or lie outside the group's département. */
export async function checkGroupStructures(tx: Tx, departement: string, structureIds: string[]) {
  if (structureIds.length === 0) return;
  const found = await tx
    .select({ id: structures.id })
    .from(structures)
    .where(and(inArray(structures.id, structureIds), eq(structures.departement, departement)));
  if (found.length !== new Set(structureIds).size) throw new AppError("validation.failed", 400, "structureIds");
}
