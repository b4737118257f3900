import { and, asc, eq, or } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable } from "../db/client.server";
import { partenairesLocaux, structures } from "../db/schema";
import { AppError } from "../platform/app-error";
import { partenaireLabel } from "../referentiel/partenaires";

export type UsableLocalPartner = { id: string; nom: string };

/**
 * The local partners a sollicitation of a structure may name: the structure's own, and those of
 * its département. Empty when the structure is out of the actor's scope.
 */
export async function usableLocalPartners(
  actor: Actor,
  structureId: string,
  q: Queryable = db(),
): Promise<UsableLocalPartner[]> {
  return q
    .select({ id: partenairesLocaux.id, nom: partenairesLocaux.nom })
    .from(partenairesLocaux)
    .innerJoin(
      structures,
      and(
        eq(structures.id, structureId),
        or(eq(partenairesLocaux.structureId, structures.id), eq(partenairesLocaux.departement, structures.departement)),
      ),
    )
    .where(structureScope(actor, { structureId: structures.id, departement: structures.departement }))
    .orderBy(asc(partenairesLocaux.nom), asc(partenairesLocaux.id));
}

/** Refuses (field error on the local partners) any local partner the structure may not name. */
export async function assertUsableLocalPartners(
  actor: Actor,
  structureId: string,
  ids: readonly string[],
  q: Queryable = db(),
): Promise<void> {
  if (ids.length === 0) return;
  const usable = new Set((await usableLocalPartners(actor, structureId, q)).map((partner) => partner.id));
  if (ids.some((id) => !usable.has(id))) throw new AppError("partner.unknown", 400, "partenairesLocaux");
}

/** The name of a partner for display: national label, or the local partner's name. */
export async function partnerName(
  row: { partnerKey: string | null; partenaireLocalId: string | null },
  q: Queryable = db(),
): Promise<string | null> {
  if (row.partnerKey) return partenaireLabel(row.partnerKey);
  if (!row.partenaireLocalId) return null;
  const [local] = await q
    .select({ nom: partenairesLocaux.nom })
    .from(partenairesLocaux)
    .where(eq(partenairesLocaux.id, row.partenaireLocalId));
  return local?.nom ?? null;
}
