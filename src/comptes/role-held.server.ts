import { and, eq, gte, isNull, or } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { db, type Queryable } from "../db/client.server";
import { roleAssignments } from "../db/schema";
import { AppError } from "../platform/app-error";
import type { RoleScope } from "./create-user.server";
import { isoToday } from "./grant-scope";

/** Whether the user holds this role in this scope already, in force or to come. */
export async function roleHeld(userId: string, scope: RoleScope, q: Queryable = db()): Promise<boolean> {
  const same = (column: AnyPgColumn, value: string | null | undefined) => (value ? eq(column, value) : isNull(column));
  const [existing] = await q
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, userId),
        eq(roleAssignments.role, scope.role),
        same(roleAssignments.structureId, scope.structureId),
        same(roleAssignments.departement, scope.departement),
        same(roleAssignments.partnerKey, scope.partnerKey),
        or(isNull(roleAssignments.endsOn), gte(roleAssignments.endsOn, isoToday())),
      ),
    )
    .limit(1);
  return existing !== undefined;
}

/** Refuses a second assignment of the same role in the same scope that is in force or to come. */
export async function assertRoleNotHeld(userId: string, scope: RoleScope, q: Queryable = db()): Promise<void> {
  if (await roleHeld(userId, scope, q)) throw new AppError("role.already_held", 409, "role");
}
