import { inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Actor } from "../acces/actor.server";
import { departementScope, structureScope } from "../acces/tenant-scope.server";
import { allOf, anyOf } from "../db/conditions";
import { DEPARTEMENT_ROLES, managerView, STRUCTURE_ROLES } from "./grant-scope";

/**
 * The SQL twin of `canGrant`: keeps the rows (role assignments or invitations) whose role and scope
 * the actor may manage. Structure scoping goes through `structureScope` on the actor's manager view.
 */
export function manageableScope(
  actor: Actor,
  columns: { role: AnyPgColumn; structureId: AnyPgColumn; departement: AnyPgColumn },
): SQL {
  if (actor.roles.has("admin")) return sql`true`;
  const view = managerView(actor);
  const conditions: [SQL, ...SQL[]] = [
    allOf(inArray(columns.role, [...STRUCTURE_ROLES]), structureScope(view, { structureId: columns.structureId })),
  ];
  const departements = departementScope(view);
  if (departements !== "all" && departements.length > 0) {
    conditions.push(allOf(inArray(columns.role, [...DEPARTEMENT_ROLES]), inArray(columns.departement, departements)));
  }
  return anyOf(...conditions);
}
