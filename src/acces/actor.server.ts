import { and, eq, gte, inArray, isNull, lte, or, type Placeholder } from "drizzle-orm";
import { db, type Queryable } from "../db/client.server";
import { roleAssignments, structures, users } from "../db/schema";
import { parisDay } from "../platform/time";
import { ROLE_PRECEDENCE, type Role } from "./roles";

export type RoleAssignment = {
  id: string;
  role: Role;
  structureId: string | null;
  departement: string | null;
  partnerKey: string | null;
  startsOn: string;
  endsOn: string | null;
};

/** Who is acting: the user, the roles in force today and their scopes. */
export type Actor = {
  userId: string;
  email: string;
  prenom: string;
  nom: string;
  totpEnabled: boolean;
  roles: Set<Role>;
  primaryRole: Role | null;
  assignments: RoleAssignment[];
  /** Structures where the user is agent or responsable. */
  structureIds: string[];
  responsableStructureIds: string[];
  /** Départements where the user is coordinateur. */
  coordinateurDepartements: string[];
  referentScopes: Array<{ partnerKey: string; departement: string }>;
  /** The structure the user works in now (switchable when there are several). */
  currentStructureId: string | null;
  sessionIdHash: string | null;
  via: "session" | "api_token" | "cli";
};

/** Role assignments in force today (or on the day a prepared statement receives). */
export function activeAssignmentFilter(today: string | Placeholder = parisDay()) {
  return and(
    lte(roleAssignments.startsOn, today),
    or(isNull(roleAssignments.endsOn), gte(roleAssignments.endsOn, today)),
  );
}

export async function loadActor(
  userId: string,
  options: { via: Actor["via"]; sessionIdHash?: string | null; currentStructureId?: string | null },
  q: Queryable = db(),
): Promise<Actor | null> {
  // One round trip: the user and the roles in force today.
  const joined = await q
    .select({ user: users, assignment: roleAssignments })
    .from(users)
    .leftJoin(roleAssignments, and(eq(roleAssignments.userId, users.id), activeAssignmentFilter()))
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  return actorFromRows(joined, options);
}

type ActorRow = { user: typeof users.$inferSelect; assignment: typeof roleAssignments.$inferSelect | null };

/** The actor from the rows of a user joined with the roles in force today (none: no actor). */
export function actorFromRows(
  joined: ActorRow[],
  options: { via: Actor["via"]; sessionIdHash?: string | null; currentStructureId?: string | null },
): Actor | null {
  if (joined.length === 0) return null;
  const user = joined[0].user;
  const assignments = joined.flatMap((row) =>
    row.assignment ? [{ ...row.assignment, role: row.assignment.role as Role }] : [],
  );
  const roles = new Set(assignments.map((a) => a.role));
  const structureIds = unique(assignments.flatMap((a) => (a.structureId ? [a.structureId] : [])));
  const current =
    options.currentStructureId && structureIds.includes(options.currentStructureId)
      ? options.currentStructureId
      : (structureIds[0] ?? null);
  return {
    userId: user.id,
    email: user.email,
    prenom: user.prenom,
    nom: user.nom,
    totpEnabled: user.totpEnabledAt !== null,
    roles,
    primaryRole: ROLE_PRECEDENCE.find((role) => roles.has(role)) ?? null,
    assignments,
    structureIds,
    // role_assignments_scope_check gives each role its scope columns: the narrowing drops no row.
    responsableStructureIds: unique(
      assignments.flatMap((a) => (a.role === "responsable" && a.structureId ? [a.structureId] : [])),
    ),
    coordinateurDepartements: unique(
      assignments.flatMap((a) => (a.role === "coordinateur" && a.departement ? [a.departement] : [])),
    ),
    referentScopes: assignments.flatMap((a) =>
      a.role === "referent" && a.partnerKey && a.departement
        ? [{ partnerKey: a.partnerKey, departement: a.departement }]
        : [],
    ),
    currentStructureId: current,
    sessionIdHash: options.sessionIdHash ?? null,
    via: options.via,
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Names of the structures an actor works in, for the structure switcher. */
export async function actorStructures(actor: Actor, q: Queryable = db()) {
  if (actor.structureIds.length === 0) return [];
  return q
    .select({ id: structures.id, nom: structures.nom })
    .from(structures)
    .where(inArray(structures.id, actor.structureIds))
    .orderBy(structures.nom);
}
