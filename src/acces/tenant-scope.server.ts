import { inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { anyOf } from "../db/conditions";
import { structures } from "../db/schema";
import type { Actor } from "./actor.server";

/**
 * The one tenant-scoping helper: a condition that keeps only the rows of structures the actor
 * may see. Use it inside every query's `where` on structure-owned data.
 * - national and admin: every structure;
 * - coordinateur: every structure of their départements;
 * - agent and responsable: their own structures.
 * Referents see no structure data through this helper (their saisines are scoped by group).
 */
export function structureScope(actor: Actor, columns: { structureId: AnyPgColumn; departement?: AnyPgColumn }): SQL {
  if (actor.roles.has("national") || actor.roles.has("admin")) return sql`true`;
  const conditions: SQL[] = [];
  if (actor.structureIds.length > 0) conditions.push(inArray(columns.structureId, actor.structureIds));
  if (actor.coordinateurDepartements.length > 0) {
    conditions.push(
      columns.departement
        ? inArray(columns.departement, actor.coordinateurDepartements)
        : inArray(
            columns.structureId,
            sql`(select ${structures.id} from ${structures} where ${inArray(structures.departement, actor.coordinateurDepartements)})`,
          ),
    );
  }
  const [first, ...rest] = conditions;
  if (!first) return sql`false`;
  return anyOf(first, ...rest);
}

/** Départements the actor may act on (coordinateurs; everything for national and admin). */
export function departementScope(actor: Actor): "all" | string[] {
  if (actor.roles.has("national") || actor.roles.has("admin")) return "all";
  return actor.coordinateurDepartements;
}

export function canSeeDepartement(actor: Actor, departement: string): boolean {
  const scope = departementScope(actor);
  return scope === "all" || scope.includes(departement);
}
