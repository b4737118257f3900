import type { Actor } from "../acces/actor.server";
import type { Role } from "../acces/roles";
import { frenchDate, parisDay } from "../platform/time";
import type { RoleScope } from "./create-user.server";

/**
 * Who may invite and manage whom (pure rules, no database):
 * - a responsable: agents and responsables of their own structures;
 * - a coordinateur: agents and responsables of the structures of their départements, referents and
 *   coordinateurs of their départements;
 * - an admin: anyone, any role, any scope. Only an admin grants the national and admin roles.
 * Nobody else grants anything (agents, referents, national).
 */

/** The roles held in one structure. */
export const STRUCTURE_ROLES = ["agent", "responsable"] as const satisfies readonly Role[];
/** The roles held in one département (a referent also names a partner). */
export const DEPARTEMENT_ROLES = ["referent", "coordinateur"] as const satisfies readonly Role[];

export function isStructureRole(role: Role): role is (typeof STRUCTURE_ROLES)[number] {
  return (STRUCTURE_ROLES as readonly Role[]).includes(role);
}

export function isDepartementRole(role: Role): role is (typeof DEPARTEMENT_ROLES)[number] {
  return (DEPARTEMENT_ROLES as readonly Role[]).includes(role);
}

/** A scope to grant, with the département of its structure when it names one (looked up by the caller). */
export type GrantScope = RoleScope & { structureDepartement?: string | null };

type Manager = Pick<Actor, "roles" | "responsableStructureIds" | "coordinateurDepartements">;

/**
 * Keeps only the fields the role uses, so that a form sending every field (JavaScript off) grants
 * exactly the scope of the chosen role.
 */
export function normalizeScope(scope: RoleScope): RoleScope {
  const dates = { startsOn: scope.startsOn, endsOn: scope.endsOn ?? null };
  if (isStructureRole(scope.role))
    return { role: scope.role, structureId: scope.structureId ?? null, departement: null, partnerKey: null, ...dates };
  if (scope.role === "coordinateur")
    return { role: scope.role, structureId: null, departement: scope.departement ?? null, partnerKey: null, ...dates };
  if (scope.role === "referent") {
    return {
      role: scope.role,
      structureId: null,
      departement: scope.departement ?? null,
      partnerKey: scope.partnerKey ?? null,
      ...dates,
    };
  }
  return { role: scope.role, structureId: null, departement: null, partnerKey: null, ...dates };
}

/** The shape the database requires for each role (role_assignments_scope_check). */
export function scopeShapeValid(scope: RoleScope): boolean {
  const has = (value: string | null | undefined) => typeof value === "string" && value.length > 0;
  if (isStructureRole(scope.role)) return has(scope.structureId) && !has(scope.departement) && !has(scope.partnerKey);
  if (scope.role === "coordinateur") return !has(scope.structureId) && has(scope.departement) && !has(scope.partnerKey);
  if (scope.role === "referent") return !has(scope.structureId) && has(scope.departement) && has(scope.partnerKey);
  return !has(scope.structureId) && !has(scope.departement) && !has(scope.partnerKey);
}

/**
 * Which of the actor's roles allows granting `scope`, the most local first (responsable, then
 * coordinateur, then admin); null when none does. Invitation e-mails name the inviter by this role.
 */
export function grantingRole(actor: Manager, scope: GrantScope): Role | null {
  if (!scopeShapeValid(scope)) return null;
  if (isStructureRole(scope.role)) {
    if (
      actor.roles.has("responsable") &&
      scope.structureId &&
      actor.responsableStructureIds.includes(scope.structureId)
    ) {
      return "responsable";
    }
    if (
      actor.roles.has("coordinateur") &&
      scope.structureDepartement &&
      actor.coordinateurDepartements.includes(scope.structureDepartement)
    ) {
      return "coordinateur";
    }
  } else if (isDepartementRole(scope.role)) {
    if (
      actor.roles.has("coordinateur") &&
      scope.departement &&
      actor.coordinateurDepartements.includes(scope.departement)
    )
      return "coordinateur";
  }
  return actor.roles.has("admin") ? "admin" : null;
}

export function canGrant(actor: Manager, scope: GrantScope): boolean {
  return grantingRole(actor, scope) !== null;
}

/** The roles the actor may grant somewhere (to fill the role select of the forms). */
export function grantableRoles(actor: Manager): Role[] {
  if (actor.roles.has("admin")) return ["agent", "responsable", "referent", "coordinateur", "national", "admin"];
  const roles: Role[] = [];
  const coordinateur = actor.roles.has("coordinateur") && actor.coordinateurDepartements.length > 0;
  if (coordinateur || (actor.roles.has("responsable") && actor.responsableStructureIds.length > 0))
    roles.push(...STRUCTURE_ROLES);
  if (coordinateur) roles.push(...DEPARTEMENT_ROLES);
  return roles;
}

/**
 * The actor as seen for managing accounts, to pass to `structureScope` / `departementScope`:
 * structures only where they are responsable, départements where they are coordinateur,
 * everything when admin. The national role reads everything but manages nothing.
 */
export function managerView(actor: Actor): Actor {
  return {
    ...actor,
    roles: new Set([...actor.roles].filter((role) => role !== "national")),
    structureIds: actor.responsableStructureIds,
  };
}

/** Today as YYYY-MM-DD in Paris, the same day `activeAssignmentFilter` uses. */
export function isoToday(now: Date = new Date()): string {
  return parisDay(now);
}

export { frenchDate };

export type AssignmentStatus = "actif" | "a_venir" | "termine";

export function assignmentStatus(
  assignment: { startsOn: string; endsOn: string | null },
  today: string = isoToday(),
): AssignmentStatus {
  if (assignment.endsOn !== null && assignment.endsOn < today) return "termine";
  if (assignment.startsOn > today) return "a_venir";
  return "actif";
}
