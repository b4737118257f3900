import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import type { Role } from "../acces/roles";
import { recordAudit } from "../audit/journal.server";
import { hashPassword } from "../auth/password.server";
import { db, type Queryable } from "../db/client.server";
import { roleAssignments, users } from "../db/schema";
import { AppError } from "../platform/app-error";

export type RoleScope = {
  role: Role;
  structureId?: string | null;
  departement?: string | null;
  partnerKey?: string | null;
  startsOn?: string;
  endsOn?: string | null;
};

/** Grants one role in one scope; the database checks that the scope fits the role. */
export async function grantRole(actor: Actor, userId: string, scope: RoleScope, q: Queryable): Promise<string> {
  const [row] = await q
    .insert(roleAssignments)
    .values({
      userId,
      role: scope.role,
      structureId: scope.structureId ?? null,
      departement: scope.departement ?? null,
      partnerKey: scope.partnerKey ?? null,
      ...(scope.startsOn ? { startsOn: scope.startsOn } : {}),
      endsOn: scope.endsOn ?? null,
    })
    .returning({ id: roleAssignments.id });
  await recordAudit(
    {
      action: "role.granted",
      ...auditActor(actor),
      structureId: scope.structureId ?? null,
      targetType: "user",
      targetId: userId,
    },
    q,
  );
  return row.id;
}

/** Creates an account with its first role (CLI, seed, accepted invitations). */
export async function createUser(
  actor: Actor,
  input: { email: string; prenom: string; nom: string; password?: string | null; roles: RoleScope[] },
  q: Queryable = db(),
): Promise<string> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return q.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) throw new AppError("user.email_taken", 409, "email");
    const [user] = await tx
      .insert(users)
      .values({ email, prenom: input.prenom, nom: input.nom, passwordHash })
      .returning({ id: users.id });
    await recordAudit({ action: "user.created", ...auditActor(actor), targetType: "user", targetId: user.id }, tx);
    for (const scope of input.roles) await grantRole(actor, user.id, scope, tx);
    return user.id;
  });
}
