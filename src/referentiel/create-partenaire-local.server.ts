import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { rolesGrant } from "../acces/permissions";
import { canSeeDepartement } from "../acces/tenant-scope.server";
import { recordAudit } from "../audit/journal.server";
import { db, type Queryable } from "../db/client.server";
import { partenairesLocaux, structures } from "../db/schema";
import { AppError } from "../platform/app-error";
import { departementByCode } from "../territoire/territoire";
import type { PartenaireLocalInput } from "./referentiel.schema";

/**
 * Adds a partner that exists in one département, or in one structure of it. Coordinateurs add
 * them in their départements, admins anywhere. A structure-level partner is stored with its
 * structure only (the département follows from it).
 */
export async function createPartenaireLocal(
  actor: Actor,
  input: PartenaireLocalInput,
  q: Queryable = db(),
): Promise<string> {
  if (!rolesGrant(actor.roles, "partenaire_local:write")) throw new AppError("auth.forbidden", 403);
  const departement = departementByCode(input.departement);
  if (!departement) throw new AppError("departement.unknown", 400, "departement");
  if (!canSeeDepartement(actor, departement.code))
    throw new AppError("partenaire_local.scope_forbidden", 403, "departement");
  return q.transaction(async (tx) => {
    if (input.structureId) {
      const [structure] = await tx
        .select({ departement: structures.departement })
        .from(structures)
        .where(eq(structures.id, input.structureId));
      if (!structure || structure.departement !== departement.code) {
        throw new AppError("partenaire_local.structure_mismatch", 400, "structureId");
      }
    }
    const [row] = await tx
      .insert(partenairesLocaux)
      .values({
        nom: input.nom,
        departement: input.structureId ? null : departement.code,
        structureId: input.structureId ?? null,
      })
      .returning({ id: partenairesLocaux.id });
    await recordAudit(
      {
        action: "partenaire_local.created",
        ...auditActor(actor),
        structureId: input.structureId ?? null,
        targetType: "partenaire_local",
        targetId: row.id,
      },
      tx,
    );
    return row.id;
  });
}
