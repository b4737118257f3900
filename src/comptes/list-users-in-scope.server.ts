import { gte, isNull, or } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db, type Queryable } from "../db/client.server";
import { roleAssignments } from "../db/schema";
import { isoToday } from "./grant-scope";
import { groupByUser, type ManagedUser, managedRows } from "./managed-users.server";

/**
 * The team of the actor: users with at least one role, in force or to come, that the actor may
 * manage; for each, only those roles (roles elsewhere stay out of sight).
 */
export async function listUsersInScope(actor: Actor, q: Queryable = db()): Promise<ManagedUser[]> {
  const rows = await managedRows(actor, or(isNull(roleAssignments.endsOn), gte(roleAssignments.endsOn, isoToday())), q);
  return groupByUser(rows);
}
