import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { canSeeDepartement } from "../acces/tenant-scope.server";
import { db, type Queryable } from "../db/client.server";
import { referentGroupStructures, referentGroups, structures } from "../db/schema";
import { AppError } from "../platform/app-error";

/**
 * Coverage of a département for the coordinateur: for each open structure and national partner,
 * the group that a saisine would go to, or a gap.
 */
export async function directoryCoverage(
  actor: Actor,
  departement: string,
  partnerKeys: readonly string[],
  q: Queryable = db(),
) {
  if (!canSeeDepartement(actor, departement)) throw new AppError("auth.forbidden", 403);
  const structureRows = await q
    .select({ id: structures.id, nom: structures.nom })
    .from(structures)
    .where(and(eq(structures.departement, departement), sql`${structures.statut} <> 'fermee'`))
    .orderBy(asc(structures.nom));
  const groups = await q.select().from(referentGroups).where(eq(referentGroups.departement, departement));
  const links = groups.length
    ? await q
        .select()
        .from(referentGroupStructures)
        .where(
          inArray(
            referentGroupStructures.groupId,
            groups.map((g) => g.id),
          ),
        )
    : [];
  return structureRows.map((structure) => ({
    structure,
    partners: partnerKeys.map((partnerKey) => {
      const specific = groups.find(
        (g) => g.partnerKey === partnerKey && links.some((l) => l.groupId === g.id && l.structureId === structure.id),
      );
      const whole = groups.find((g) => g.partnerKey === partnerKey && g.coversWholeDepartement);
      const group = specific ?? whole ?? null;
      return { partnerKey, groupId: group?.id ?? null, groupNom: group?.nom ?? null };
    }),
  }));
}
