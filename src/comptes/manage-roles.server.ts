import { and, asc, eq, gte, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Actor } from "../acces/actor.server";
import { errorResponse } from "../acces/guards.server";
import { auditActor } from "../acces/operator";
import { ROLE_LABELS, type Role } from "../acces/roles";
import { departementScope, structureScope } from "../acces/tenant-scope.server";
import { recordAudit } from "../audit/journal.server";
import { db, type Queryable } from "../db/client.server";
import { allOf, anyOf } from "../db/conditions";
import { roleAssignments, structures, users } from "../db/schema";
import { AppError, type ErrorCode, isAppError } from "../platform/app-error";
import { shiftDay } from "../platform/time";
import { isPartenaireNational, partenaireLabel } from "../referentiel/partenaires";
import { departementByCode, departementLabel } from "../territoire/territoire";
import { grantRole, type RoleScope } from "./create-user.server";
import {
  type AssignmentStatus,
  assignmentStatus,
  DEPARTEMENT_ROLES,
  frenchDate,
  grantingRole,
  isoToday,
  isStructureRole,
  managerView,
  normalizeScope,
  STRUCTURE_ROLES,
  scopeShapeValid,
} from "./grant-scope";

export type RequestContext = { ip?: string | null; userAgent?: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The SQL twin of `canGrant`: keeps the rows (role assignments or invitations) whose role and scope
 * the actor may manage. Structure scoping goes through `structureScope` on the actor's manager view.
 */
export function manageableScope(
  actor: Actor,
  columns: { role: AnyPgColumn; structureId: AnyPgColumn; departement: AnyPgColumn },
): SQL {
  if (actor.roles.has("admin")) return sql`true`;
  const view = managerView(actor);
  const conditions: [SQL, ...SQL[]] = [
    allOf(inArray(columns.role, [...STRUCTURE_ROLES]), structureScope(view, { structureId: columns.structureId })),
  ];
  const departements = departementScope(view);
  if (departements !== "all" && departements.length > 0) {
    conditions.push(allOf(inArray(columns.role, [...DEPARTEMENT_ROLES]), inArray(columns.departement, departements)));
  }
  return anyOf(...conditions);
}

/** "France Services de Metz", "CAF — 57 — Moselle", "57 — Moselle", "Tout le réseau"… */
export function scopeLabel(scope: {
  role: Role;
  structureNom?: string | null;
  departement?: string | null;
  partnerKey?: string | null;
}): string {
  if (isStructureRole(scope.role)) return scope.structureNom ?? "Structure inconnue";
  if (scope.role === "referent")
    return `${partenaireLabel(scope.partnerKey ?? "")} — ${departementLabel(scope.departement ?? "")}`;
  if (scope.role === "coordinateur") return departementLabel(scope.departement ?? "");
  if (scope.role === "national") return "Tout le réseau France Services";
  return "Toute l’application";
}

/** "depuis le 01/09/2025", "du 01/09/2025 au 31/08/2026 inclus", "à partir du 01/10/2025". */
export function periodLabel(startsOn: string, endsOn: string | null, today: string = isoToday()): string {
  const start = startsOn > today ? `à partir du ${frenchDate(startsOn)}` : `depuis le ${frenchDate(startsOn)}`;
  if (endsOn === null) return start;
  return `du ${frenchDate(startsOn)} au ${frenchDate(endsOn)} inclus`;
}

export type ResolvedGrant = {
  scope: RoleScope;
  grantedAs: Role;
  structureNom: string | null;
  structureDepartement: string | null;
  scopeLabel: string;
};

/**
 * Checks that the actor may grant this scope (canGrant), after normalizing it and checking its
 * references: the structure must be in the actor's scope, the département and partner must exist.
 */
export async function resolveGrant(
  actor: Actor,
  input: RoleScope,
  forbiddenCode: ErrorCode,
  q: Queryable = db(),
): Promise<ResolvedGrant> {
  const scope = normalizeScope(input);
  if (!scopeShapeValid(scope)) throw new AppError("validation.failed", 400);
  if (scope.departement && !departementByCode(scope.departement))
    throw new AppError("departement.unknown", 400, "departement");
  if (scope.partnerKey && !isPartenaireNational(scope.partnerKey))
    throw new AppError("partner.unknown", 400, "partnerKey");
  if (scope.startsOn && scope.endsOn && scope.endsOn < scope.startsOn)
    throw new AppError("role.end_before_start", 400, "endsOn");
  let structure: { nom: string; departement: string } | undefined;
  if (scope.structureId) {
    if (!UUID.test(scope.structureId)) throw new AppError(forbiddenCode, 403, "structureId");
    [structure] = await q
      .select({ nom: structures.nom, departement: structures.departement })
      .from(structures)
      .where(
        and(
          eq(structures.id, scope.structureId),
          structureScope(managerView(actor), { structureId: structures.id, departement: structures.departement }),
        ),
      );
    if (!structure) throw new AppError(forbiddenCode, 403, "structureId");
  }
  const grantedAs = grantingRole(actor, { ...scope, structureDepartement: structure?.departement ?? null });
  if (!grantedAs) throw new AppError(forbiddenCode, 403, isStructureRole(scope.role) ? "structureId" : "role");
  const structureNom = structure?.nom ?? null;
  return {
    scope,
    grantedAs,
    structureNom,
    structureDepartement: structure?.departement ?? null,
    scopeLabel: scopeLabel({ ...scope, structureNom }),
  };
}

/** Whether the user holds this role in this scope already, in force or to come. */
export async function roleHeld(userId: string, scope: RoleScope, q: Queryable = db()): Promise<boolean> {
  const same = (column: AnyPgColumn, value: string | null | undefined) => (value ? eq(column, value) : isNull(column));
  const [existing] = await q
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.userId, userId),
        eq(roleAssignments.role, scope.role),
        same(roleAssignments.structureId, scope.structureId),
        same(roleAssignments.departement, scope.departement),
        same(roleAssignments.partnerKey, scope.partnerKey),
        or(isNull(roleAssignments.endsOn), gte(roleAssignments.endsOn, isoToday())),
      ),
    )
    .limit(1);
  return existing !== undefined;
}

/** Refuses a second assignment of the same role in the same scope that is in force or to come. */
export async function assertRoleNotHeld(userId: string, scope: RoleScope, q: Queryable = db()): Promise<void> {
  if (await roleHeld(userId, scope, q)) throw new AppError("role.already_held", 409, "role");
}

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
async function managedRows(actor: Actor, extra: SQL | undefined, q: Queryable) {
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

function groupByUser(rows: Awaited<ReturnType<typeof managedRows>>): ManagedUser[] {
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

/**
 * The team of the actor: users with at least one role, in force or to come, that the actor may
 * manage; for each, only those roles (roles elsewhere stay out of sight).
 */
export async function listUsersInScope(actor: Actor, q: Queryable = db()): Promise<ManagedUser[]> {
  const rows = await managedRows(actor, or(isNull(roleAssignments.endsOn), gte(roleAssignments.endsOn, isoToday())), q);
  return groupByUser(rows);
}

/** One user with every role (ended ones too) the actor may manage; 404 when there is none. */
export async function getUserInScope(actor: Actor, userId: string, q: Queryable = db()): Promise<ManagedUser> {
  if (!UUID.test(userId)) throw new AppError("user.not_found", 404);
  const [user] = groupByUser(await managedRows(actor, eq(roleAssignments.userId, userId), q));
  if (!user) throw new AppError("user.not_found", 404);
  return user;
}

/** For loaders and actions: the user, or a thrown 404 (DSFR page, or JSON for the API). */
export async function requireUserInScope(request: Request, actor: Actor, userId: string): Promise<ManagedUser> {
  try {
    return await getUserInScope(actor, userId);
  } catch (error) {
    if (isAppError(error)) throw errorResponse(request, error.code, error.status);
    throw error;
  }
}

/** Grants one more role to a user the actor manages already. */
export async function addRole(actor: Actor, userId: string, input: RoleScope, q: Queryable = db()): Promise<string> {
  await getUserInScope(actor, userId, q);
  const { scope } = await resolveGrant(
    actor,
    { ...input, startsOn: input.startsOn ?? isoToday() },
    "role.scope_forbidden",
    q,
  );
  return q.transaction(async (tx) => {
    await assertRoleNotHeld(userId, scope, tx);
    return grantRole(actor, userId, scope, tx);
  });
}

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
  if (!UUID.test(assignmentId)) throw new AppError("role.not_found", 404);
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
