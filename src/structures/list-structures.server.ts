import { and, asc, eq, ilike, ne, type SQL } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable } from "../db/client.server";
import { structures } from "../db/schema";
import type { StructureFilters } from "./structures.schema";

export type StructureListItem = {
  id: string;
  nom: string;
  label: string;
  format: string;
  statut: string;
  communeInsee: string;
  departement: string;
  parentStructureId: string | null;
};

function scoped(actor: Actor): SQL {
  return structureScope(actor, { structureId: structures.id, departement: structures.departement });
}

/** A LIKE pattern that matches the text literally (%, _ and \ typed by the user are not wildcards). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The structures the actor may see, filtered, by name. */
export async function listStructures(
  actor: Actor,
  filters: StructureFilters = {},
  q: Queryable = db(),
): Promise<StructureListItem[]> {
  const conditions: SQL[] = [scoped(actor)];
  if (filters.departement) conditions.push(eq(structures.departement, filters.departement));
  if (filters.label) conditions.push(eq(structures.label, filters.label));
  if (filters.statut) conditions.push(eq(structures.statut, filters.statut));
  if (filters.q) conditions.push(ilike(structures.nom, containsPattern(filters.q)));
  return q
    .select({
      id: structures.id,
      nom: structures.nom,
      label: structures.label,
      format: structures.format,
      statut: structures.statut,
      communeInsee: structures.communeInsee,
      departement: structures.departement,
      parentStructureId: structures.parentStructureId,
    })
    .from(structures)
    .where(and(...conditions))
    .orderBy(asc(structures.nom), asc(structures.id));
}

/** The départements where the actor sees at least one structure (for the list's filter). */
export async function listStructureDepartements(actor: Actor, q: Queryable = db()): Promise<string[]> {
  const rows = await q
    .selectDistinct({ departement: structures.departement })
    .from(structures)
    .where(scoped(actor))
    .orderBy(asc(structures.departement));
  return rows.map((row) => row.departement);
}

/** Main structures (not antennes) an antenne of the actor's scope may be attached to. */
export async function listParentCandidates(
  actor: Actor,
  excludeId?: string,
  q: Queryable = db(),
): Promise<Array<{ id: string; nom: string; departement: string }>> {
  const conditions: SQL[] = [scoped(actor), ne(structures.format, "antenne")];
  if (excludeId) conditions.push(ne(structures.id, excludeId));
  return q
    .select({ id: structures.id, nom: structures.nom, departement: structures.departement })
    .from(structures)
    .where(and(...conditions))
    .orderBy(asc(structures.nom), asc(structures.id));
}
