import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import type { Role } from "../acces/roles";
import { structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable } from "../db/client.server";
import { structures } from "../db/schema";
import { AppError, type ErrorCode } from "../platform/app-error";
import { isUuid } from "../platform/validation";
import { isPartenaireNational } from "../referentiel/partenaires";
import { departementByCode } from "../territoire/territoire";
import { scopeLabel } from "./assignment-labels";
import type { RoleScope } from "./create-user.server";
import { grantingRole, isStructureRole, managerView, normalizeScope, scopeShapeValid } from "./grant-scope";

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
    if (!isUuid(scope.structureId)) throw new AppError(forbiddenCode, 403, "structureId");
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
