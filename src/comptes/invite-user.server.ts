import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { ROLE_LABELS } from "../acces/roles";
import { recordAudit } from "../audit/journal.server";
import type { RequestContext } from "../audit/request-context";
import { db, type Queryable } from "../db/client.server";
import { invitations, users } from "../db/schema";
import { randomToken, sha256Hex } from "../platform/crypto.server";
import { appLink, sendMail } from "../platform/mail.server";
import { departementLabel } from "../territoire/territoire";
import { grantRole } from "./create-user.server";
import { isoToday } from "./grant-scope";
import type { InviteInput } from "./invitations.schema";
import { type ResolvedGrant, resolveGrant } from "./resolve-grant.server";
import { assertRoleNotHeld } from "./role-held.server";

export const INVITATION_VALIDITY_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export type InviteResult =
  | { kind: "invited"; invitationId: string }
  | { kind: "granted"; userId: string; assignmentId: string };

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
