import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { type Actor, loadActor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { ROLE_LABELS, type Role } from "../acces/roles";
import { canSeeDepartement, structureScope } from "../acces/tenant-scope.server";
import { recordAudit } from "../audit/journal.server";
import { db, type Queryable } from "../db/client.server";
import { invitations, structures, users } from "../db/schema";
import { AppError, isAppError } from "../platform/app-error";
import { randomToken, sha256Hex } from "../platform/crypto.server";
import { appLink, sendMail } from "../platform/mail.server";
import { PARTENAIRE_KEYS, PARTENAIRES_NATIONAUX } from "../referentiel/partenaires";
import { allDepartements, departementLabel } from "../territoire/territoire";
import { createUser, grantRole, type RoleScope } from "./create-user.server";
import { grantableRoles, isDepartementRole, isoToday, isStructureRole, managerView } from "./grant-scope";
import type { InviteInput } from "./invitations.schema";
import {
  assertRoleNotHeld,
  manageableScope,
  type RequestContext,
  type ResolvedGrant,
  resolveGrant,
  roleHeld,
  scopeLabel,
} from "./manage-roles.server";

export const INVITATION_VALIDITY_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type InviteResult =
  | { kind: "invited"; invitationId: string }
  | { kind: "granted"; userId: string; assignmentId: string };

type Option = { value: string; label: string };

export type RoleFormOptions = {
  roles: Option[];
  structures: Option[];
  departements: Option[];
  partenaires: Option[];
  today: string;
};

/** What the invite and add-role forms may offer this actor: only roles and scopes they may grant. */
export async function roleFormOptions(actor: Actor, q: Queryable = db()): Promise<RoleFormOptions> {
  const roles = grantableRoles(actor);
  const view = managerView(actor);
  const structureRows = roles.some(isStructureRole)
    ? await q
        .select({ value: structures.id, label: structures.nom })
        .from(structures)
        .where(structureScope(view, { structureId: structures.id, departement: structures.departement }))
        .orderBy(asc(structures.nom))
    : [];
  const departements = roles.some(isDepartementRole)
    ? allDepartements()
        .filter((departement) => canSeeDepartement(view, departement.code))
        .map((departement) => ({ value: departement.code, label: departementLabel(departement.code) }))
    : [];
  const partenaires = roles.includes("referent")
    ? PARTENAIRE_KEYS.map((key) => ({ value: key, label: PARTENAIRES_NATIONAUX[key].nomLong }))
    : [];
  return {
    roles: roles.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
    structures: structureRows,
    departements,
    partenaires,
    today: isoToday(),
  };
}

/** How the e-mail names the inviter: by role and place only, never by name. */
function inviterLabel(grant: ResolvedGrant): string {
  const role = ROLE_LABELS[grant.grantedAs];
  if (grant.grantedAs === "responsable") return `${role} (${grant.structureNom})`;
  if (grant.grantedAs === "coordinateur")
    return `${role} (${departementLabel(grant.scope.departement ?? grant.structureDepartement ?? "")})`;
  return role;
}

function invitationMail(to: string, grant: ResolvedGrant, inviter: string, link: string) {
  return {
    to,
    subject: "Invitation à rejoindre Guichet",
    text: [
      "Bonjour,",
      "",
      "Une invitation à rejoindre Guichet, l’outil du réseau France Services, vous a été adressée.",
      "",
      `Rôle proposé : ${ROLE_LABELS[grant.scope.role]}`,
      `Périmètre : ${grant.scopeLabel}`,
      `Invitation envoyée par : ${inviter}`,
      "",
      `Pour créer votre compte, choisissez votre mot de passe en ouvrant ce lien, valable ${INVITATION_VALIDITY_DAYS} jours et utilisable une seule fois :`,
      link,
      "",
      "Si vous n’attendiez pas cette invitation, ignorez ce message : aucun compte ne sera créé.",
    ].join("\n"),
  };
}

function roleGrantedMail(to: string, grant: ResolvedGrant, inviter: string) {
  return {
    to,
    subject: "Un nouveau rôle vous a été attribué dans Guichet",
    text: [
      "Bonjour,",
      "",
      "Un nouveau rôle vous a été attribué dans Guichet, l’outil du réseau France Services.",
      "",
      `Rôle : ${ROLE_LABELS[grant.scope.role]}`,
      `Périmètre : ${grant.scopeLabel}`,
      `Attribué par : ${inviter}`,
      "",
      "Connectez-vous avec votre compte habituel pour l’utiliser :",
      appLink("/"),
    ].join("\n"),
  };
}

/**
 * Invites someone on a scope the actor may grant. An existing account gets the role at once (and a
 * notification); anyone else gets a single-use link valid 7 days. Only the token's sha256 is stored.
 */
export async function inviteUser(
  actor: Actor,
  input: InviteInput,
  ctx: RequestContext = {},
  q: Queryable = db(),
): Promise<InviteResult> {
  if (!actor.userId) throw new Error("An invitation needs a user as inviter.");
  const grant = await resolveGrant(
    actor,
    { ...input, startsOn: input.startsOn ?? isoToday() },
    "invitation.scope_forbidden",
    q,
  );
  const inviter = inviterLabel(grant);
  const email = input.email.trim().toLowerCase();
  const [existing] = await q.select({ id: users.id }).from(users).where(eq(users.email, email));

  if (existing) {
    const assignmentId = await q.transaction(async (tx) => {
      await assertRoleNotHeld(existing.id, grant.scope, tx);
      return grantRole(actor, existing.id, grant.scope, tx);
    });
    await sendMail(roleGrantedMail(email, grant, inviter));
    return { kind: "granted", userId: existing.id, assignmentId };
  }

  const token = randomToken();
  const invitationId = await q.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({
        tokenHash: sha256Hex(token),
        email,
        prenom: input.prenom,
        nom: input.nom,
        role: grant.scope.role,
        structureId: grant.scope.structureId ?? null,
        departement: grant.scope.departement ?? null,
        partnerKey: grant.scope.partnerKey ?? null,
        invitedBy: actor.userId,
        startsOn: grant.scope.startsOn ?? isoToday(),
        endsOn: grant.scope.endsOn ?? null,
        expiresAt: new Date(Date.now() + INVITATION_VALIDITY_DAYS * DAY_MS),
      })
      .returning({ id: invitations.id });
    await recordAudit(
      {
        action: "invitation.created",
        ...auditActor(actor),
        structureId: grant.scope.structureId ?? null,
        targetType: "invitation",
        targetId: row.id,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      },
      tx,
    );
    return row.id;
  });
  await sendMail(invitationMail(email, grant, inviter, appLink(`/invitation/${token}`)));
  return { kind: "invited", invitationId };
}

/** The unused, unexpired invitation behind a token, or nothing. */
async function findValidInvitation(token: string, q: Queryable) {
  if (!token) return null;
  const [row] = await q
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, sha256Hex(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}

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

/** What the public invitation page shows: the role and where, nothing else. */
export async function describeInvitation(
  token: string,
  q: Queryable = db(),
): Promise<{ roleLabel: string; scopeLabel: string } | null> {
  const row = await findValidInvitation(token, q);
  if (!row) return null;
  const role = row.role as Role;
  const [structure] = row.structureId
    ? await q.select({ nom: structures.nom }).from(structures).where(eq(structures.id, row.structureId))
    : [];
  return {
    roleLabel: ROLE_LABELS[role],
    scopeLabel: scopeLabel({ ...row, role, structureNom: structure?.nom ?? null }),
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

export type PendingInvitation = {
  id: string;
  prenom: string;
  nom: string;
  email: string;
  roleLabel: string;
  scopeLabel: string;
  expiresOn: string;
};

/** Invitations not yet accepted nor expired, on scopes the actor manages. */
export async function listPendingInvitations(actor: Actor, q: Queryable = db()): Promise<PendingInvitation[]> {
  const rows = await q
    .select({
      id: invitations.id,
      prenom: invitations.prenom,
      nom: invitations.nom,
      email: invitations.email,
      role: invitations.role,
      structureNom: structures.nom,
      departement: invitations.departement,
      partnerKey: invitations.partnerKey,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .leftJoin(structures, eq(structures.id, invitations.structureId))
    .where(
      and(isNull(invitations.acceptedAt), gt(invitations.expiresAt, new Date()), manageableScope(actor, invitations)),
    )
    .orderBy(asc(invitations.expiresAt));
  return rows.map((row) => {
    const role = row.role as Role;
    return {
      id: row.id,
      prenom: row.prenom,
      nom: row.nom,
      email: row.email,
      roleLabel: ROLE_LABELS[role],
      scopeLabel: scopeLabel({ ...row, role }),
      expiresOn: isoToday(row.expiresAt),
    };
  });
}
