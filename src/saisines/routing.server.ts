import { and, asc, desc, eq, exists } from "drizzle-orm";
import { db, type Queryable } from "../db/client.server";
import { referentGroupStructures, referentGroups, structures } from "../db/schema";

export type RoutedGroup = typeof referentGroups.$inferSelect;

/**
 * The referent group a saisine goes to: the partner's group of the structure's département that
 * lists this structure; failing that, the partner's group covering the whole département.
 * Null when the directory has a gap (the coordinateur sees it in the coverage view).
 */
export async function routeToGroup(
  partnerKey: string,
  structureId: string,
  q: Queryable = db(),
): Promise<RoutedGroup | null> {
  const [structure] = await q
    .select({ departement: structures.departement })
    .from(structures)
    .where(eq(structures.id, structureId));
  if (!structure) return null;
  const listsStructure = exists(
    q
      .select({ one: referentGroupStructures.groupId })
      .from(referentGroupStructures)
      .where(
        and(
          eq(referentGroupStructures.groupId, referentGroups.id),
          eq(referentGroupStructures.structureId, structureId),
        ),
      ),
  );
  const [specific] = await q
    .select()
    .from(referentGroups)
    .where(
      and(
        eq(referentGroups.partnerKey, partnerKey),
        eq(referentGroups.departement, structure.departement),
        listsStructure,
      ),
    )
    .orderBy(asc(referentGroups.createdAt))
    .limit(1);
  if (specific) return specific;
  const [whole] = await q
    .select()
    .from(referentGroups)
    .where(
      and(
        eq(referentGroups.partnerKey, partnerKey),
        eq(referentGroups.departement, structure.departement),
        eq(referentGroups.coversWholeDepartement, true),
      ),
    )
    .orderBy(desc(referentGroups.lastConfirmedAt))
    .limit(1);
  return whole ?? null;
}
