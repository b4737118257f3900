import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import type { Role } from "../acces/roles";
import { recordAudit } from "../audit/journal.server";
import type { RequestContext } from "../audit/request-context";
import { db, type Queryable } from "../db/client.server";
import { roleAssignments, structures } from "../db/schema";
import { AppError } from "../platform/app-error";
import { shiftDay } from "../platform/time";
import { isUuid } from "../platform/validation";
import { grantingRole } from "./grant-scope";
import { manageableScope } from "./manageable-scope.server";

/**
 * Ends a role: `endsOn` is the last day the role is held (ends_on is inclusive), so the role
 * disappears from the actor the day after. The actor must be allowed to grant that role there.
 */
export async function endRole(
  actor: Actor,
  assignmentId: string,
  endsOn: string,
  ctx: RequestContext = {},
  q: Queryable = db(),
): Promise<{ userId: string }> {
  if (!isUuid(assignmentId)) throw new AppError("role.not_found", 404);
  const [row] = await q
    .select({
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      structureId: roleAssignments.structureId,
      departement: roleAssignments.departement,
      partnerKey: roleAssignments.partnerKey,
      startsOn: roleAssignments.startsOn,
      structureDepartement: structures.departement,
    })
    .from(roleAssignments)
    .leftJoin(structures, eq(structures.id, roleAssignments.structureId))
    .where(and(eq(roleAssignments.id, assignmentId), manageableScope(actor, roleAssignments)));
  if (!row) throw new AppError("role.not_found", 404);
  if (!grantingRole(actor, { ...row, role: row.role as Role })) throw new AppError("role.scope_forbidden", 403);
  if (endsOn < shiftDay(row.startsOn, -1)) throw new AppError("role.end_before_start", 400, "endsOn");
  await q.transaction(async (tx) => {
    await tx.update(roleAssignments).set({ endsOn }).where(eq(roleAssignments.id, assignmentId));
    await recordAudit(
      {
        action: "role.ended",
        ...auditActor(actor),
        structureId: row.structureId,
        targetType: "role_assignment",
        targetId: assignmentId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      },
      tx,
    );
  });
  return { userId: row.userId };
}
