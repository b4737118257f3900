import { asc, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { departementScope, structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable } from "../db/client.server";
import { allOf, anyOf } from "../db/conditions";
import { partenairesLocaux, structures } from "../db/schema";
import { PARTENAIRE_KEYS, PARTENAIRES_NATIONAUX, type PartenaireNationalKey } from "./partenaires";

export type PartenaireNational = { key: PartenaireNationalKey; label: string; nomLong: string };
export type PartenaireLocal = {
  id: string;
  nom: string;
  /** The département of the partner, or of its structure. */
  departement: string;
  structureId: string | null;
  structureNom: string | null;
};

/**
 * Local partners an actor sees:
 * - structure-level ones, for the structures in the actor's scope (`structureScope`);
 * - département-level ones, for the départements the actor covers (coordinateur, national,
 *   admin), where the actor sees a structure (agents, responsables), or where they are referent.
 */
function visibleLocalPartners(actor: Actor): SQL {
  const scopedStructures = structureScope(actor, { structureId: structures.id, departement: structures.departement });
  const departements = departementScope(actor);
  const departementConditions: [SQL, ...SQL[]] = [
    inArray(
      partenairesLocaux.departement,
      sql`(select ${structures.departement} from ${structures} where ${scopedStructures})`,
    ),
  ];
  if (departements === "all") departementConditions.push(sql`true`);
  const explicit = [
    ...(departements === "all" ? [] : departements),
    ...actor.referentScopes.map((scope) => scope.departement),
  ];
  if (explicit.length > 0) departementConditions.push(inArray(partenairesLocaux.departement, explicit));
  return anyOf(
    allOf(
      isNotNull(partenairesLocaux.structureId),
      structureScope(actor, { structureId: partenairesLocaux.structureId }),
    ),
    allOf(isNotNull(partenairesLocaux.departement), anyOf(...departementConditions)),
  );
}

/** The national partners (from code) and the local partners visible to the actor (from the database). */
export async function listPartenaires(
  actor: Actor,
  q: Queryable = db(),
): Promise<{ nationaux: PartenaireNational[]; locaux: PartenaireLocal[] }> {
  const rows = await q
    .select({
      id: partenairesLocaux.id,
      nom: partenairesLocaux.nom,
      departement: sql<string>`coalesce(${partenairesLocaux.departement}, ${structures.departement})`,
      structureId: partenairesLocaux.structureId,
      structureNom: structures.nom,
    })
    .from(partenairesLocaux)
    .leftJoin(structures, eq(structures.id, partenairesLocaux.structureId))
    .where(visibleLocalPartners(actor))
    .orderBy(
      sql`coalesce(${partenairesLocaux.departement}, ${structures.departement})`,
      asc(partenairesLocaux.nom),
      asc(partenairesLocaux.id),
    );
  return {
    nationaux: PARTENAIRE_KEYS.map((key) => ({
      key,
      label: PARTENAIRES_NATIONAUX[key].label,
      nomLong: PARTENAIRES_NATIONAUX[key].nomLong,
    })),
    locaux: rows,
  };
}
