import { and, count, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { activeAssignmentFilter } from "../acces/actor.server";
import { db } from "../db/client.server";
import { auditLog, invitations, outbox, roleAssignments, sessions, structures, users } from "../db/schema";

/** The figures each role's home page shows, all read within the actor's scope. */

/** Active agents and responsables per structure, for the structures given. */
export async function teamSizes(structureIds: string[]): Promise<Map<string, number>> {
  if (structureIds.length === 0) return new Map();
  const rows = await db()
    .select({
      structureId: roleAssignments.structureId,
      n: sql<number>`count(distinct ${roleAssignments.userId})::int`,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(inArray(roleAssignments.structureId, structureIds), activeAssignmentFilter(), isNull(users.disabledAt)))
    .groupBy(roleAssignments.structureId);
  return new Map(rows.flatMap((row) => (row.structureId ? [[row.structureId, Number(row.n)] as const] : [])));
}

export async function pendingInvitationCount(structureIds: string[], departements: string[] | "all"): Promise<number> {
  const scope =
    departements === "all"
      ? sql`true`
      : sql`(${structureIds.length ? inArray(invitations.structureId, structureIds) : sql`false`} or ${departements.length ? inArray(invitations.departement, departements) : sql`false`})`;
  const [row] = await db()
    .select({ n: count() })
    .from(invitations)
    .where(and(isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date()), scope));
  return row.n;
}

export async function adminCounters() {
  const [[usersRow], [structuresRow], [sessionsRow], [auditRow], [outboxRow]] = await Promise.all([
    db().select({ n: count() }).from(users).where(isNull(users.disabledAt)),
    db().select({ n: count() }).from(structures),
    db().select({ n: count() }).from(sessions).where(gt(sessions.expiresAt, new Date())),
    db().select({ n: count() }).from(auditLog),
    db().select({ n: count() }).from(outbox),
  ]);
  return {
    users: usersRow.n,
    structures: structuresRow.n,
    sessions: sessionsRow.n,
    auditEntries: auditRow.n,
    outbox: outboxRow.n,
  };
}
