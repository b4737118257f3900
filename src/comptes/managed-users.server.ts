import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { ROLE_LABELS, type Role } from "../acces/roles";
import type { Queryable } from "../db/client.server";
import { roleAssignments, structures, users } from "../db/schema";
import { periodLabel, scopeLabel } from "./assignment-labels";
import { type AssignmentStatus, assignmentStatus, isoToday } from "./grant-scope";
import { manageableScope } from "./manageable-scope.server";

export type ManagedRole = {
  id: string;
  role: Role;
  roleLabel: string;
  scopeLabel: string;
  structureId: string | null;
  startsOn: string;
  endsOn: string | null;
  periodLabel: string;
  status: AssignmentStatus;
};

export type ManagedUser = {
  id: string;
  prenom: string;
  nom: string;
  email: string;
  disabled: boolean;
  roles: ManagedRole[];
};

/** Users and their role assignments that the actor may manage, in one scoped query. */
export async function managedRows(actor: Actor, extra: SQL | undefined, q: Queryable) {
  return q
    .select({
      userId: users.id,
      prenom: users.prenom,
      nom: users.nom,
      email: users.email,
      disabledAt: users.disabledAt,
      id: roleAssignments.id,
      role: roleAssignments.role,
      structureId: roleAssignments.structureId,
      structureNom: structures.nom,
      departement: roleAssignments.departement,
      partnerKey: roleAssignments.partnerKey,
      startsOn: roleAssignments.startsOn,
      endsOn: roleAssignments.endsOn,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(structures, eq(structures.id, roleAssignments.structureId))
    .where(and(manageableScope(actor, roleAssignments), extra))
    .orderBy(
      asc(users.nom),
      asc(users.prenom),
      asc(users.id),
      asc(roleAssignments.startsOn),
      asc(roleAssignments.role),
    );
}

export function groupByUser(rows: Awaited<ReturnType<typeof managedRows>>): ManagedUser[] {
  const today = isoToday();
  const byId = new Map<string, ManagedUser>();
  for (const row of rows) {
    let user = byId.get(row.userId);
    if (!user) {
      user = {
        id: row.userId,
        prenom: row.prenom,
        nom: row.nom,
        email: row.email,
        disabled: row.disabledAt !== null,
        roles: [],
      };
      byId.set(row.userId, user);
    }
    const role = row.role as Role;
    user.roles.push({
      id: row.id,
      role,
      roleLabel: ROLE_LABELS[role],
      scopeLabel: scopeLabel({ ...row, role }),
      structureId: row.structureId,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      periodLabel: periodLabel(row.startsOn, row.endsOn, today),
      status: assignmentStatus(row, today),
    });
  }
  return [...byId.values()];
}
