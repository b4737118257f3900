import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { ROLE_LABELS, type Role } from "../acces/roles";
import { db, type Queryable } from "../db/client.server";
import { invitations, structures } from "../db/schema";
import { scopeLabel } from "./assignment-labels";
import { isoToday } from "./grant-scope";
import { manageableScope } from "./manageable-scope.server";

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
