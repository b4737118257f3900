import { and, eq, gt, isNull } from "drizzle-orm";
import { type Actor, loadActor } from "../acces/actor.server";
import type { Role } from "../acces/roles";
import { recordAudit } from "../audit/journal.server";
import type { RequestContext } from "../audit/request-context";
import { db, type Queryable } from "../db/client.server";
import { invitations } from "../db/schema";
import { AppError, isAppError } from "../platform/app-error";
import { createUser, grantRole, type RoleScope } from "./create-user.server";
import { findValidInvitation } from "./find-valid-invitation.server";
import { isoToday } from "./grant-scope";
import { resolveGrant } from "./resolve-grant.server";
import { roleHeld } from "./role-held.server";

function invitationScope(row: typeof invitations.$inferSelect): RoleScope {
  const today = isoToday();
  return {
    role: row.role as Role,
    structureId: row.structureId,
    departement: row.departement,
    partnerKey: row.partnerKey,
    // biome-ignore lint/complexity/useMathMinMax: ISO day strings, which Math.max would turn into NaN
    startsOn: row.startsOn > today ? row.startsOn : today,
    endsOn: row.endsOn,
  };
}

/** The inviter and the scope of an invitation, if the inviter may still grant it; null otherwise. */
async function stillGrantable(
  row: typeof invitations.$inferSelect,
  q: Queryable,
): Promise<{ inviter: Actor; scope: RoleScope } | null> {
  const inviter = await loadActor(row.invitedBy, { via: "session" }, q);
  if (!inviter) return null;
  try {
    const { scope } = await resolveGrant(inviter, invitationScope(row), "invitation.scope_forbidden", q);
    return { inviter, scope };
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/** Marks an invitation used; false when another request used it first. */
async function markAccepted(invitationId: string, q: Queryable): Promise<boolean> {
  const used = await q
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return used.length > 0;
}

function acceptedEntry(row: typeof invitations.$inferSelect, userId: string, ctx: RequestContext) {
  return {
    action: "invitation.accepted" as const,
    actorId: userId,
    role: row.role,
    structureId: row.structureId,
    targetType: "invitation",
    targetId: row.id,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  };
}

/**
 * Creates the account of an invitation, with exactly the invited role and scope, and marks the
 * invitation used, in one transaction. The inviter must still be allowed to grant that scope.
 * Other pending invitations to the same address (another structure, another inviter) are honoured
 * in the same transaction: an address can create only one account.
 */
export async function acceptInvitation(
  token: string,
  input: { password: string },
  ctx: RequestContext = {},
  q: Queryable = db(),
): Promise<{ userId: string }> {
  const row = await findValidInvitation(token, q);
  if (!row) throw new AppError("auth.invalid_token", 400);
  const grant = await stillGrantable(row, q);
  if (!grant) throw new AppError("auth.invalid_token", 400);
  try {
    return await q.transaction(async (tx) => {
      if (!(await markAccepted(row.id, tx))) throw new AppError("auth.invalid_token", 400);
      const userId = await createUser(
        grant.inviter,
        { email: row.email, prenom: row.prenom, nom: row.nom, password: input.password, roles: [grant.scope] },
        tx,
      );
      await recordAudit(acceptedEntry(row, userId, ctx), tx);
      const others = await tx
        .select()
        .from(invitations)
        .where(
          and(eq(invitations.email, row.email), isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date())),
        );
      for (const other of others) {
        const otherGrant = await stillGrantable(other, tx);
        if (!otherGrant || !(await markAccepted(other.id, tx))) continue;
        if (!(await roleHeld(userId, otherGrant.scope, tx)))
          await grantRole(otherGrant.inviter, userId, otherGrant.scope, tx);
        await recordAudit(acceptedEntry(other, userId, ctx), tx);
      }
      return { userId };
    });
  } catch (error) {
    // The e-mail got an account since the invitation: no field to point at on this page.
    if (isAppError(error) && error.code === "user.email_taken") throw new AppError("user.email_taken", 409);
    throw error;
  }
}
