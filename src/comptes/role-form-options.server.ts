import { asc } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { ROLE_LABELS } from "../acces/roles";
import { canSeeDepartement, structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable } from "../db/client.server";
import { structures } from "../db/schema";
import { PARTENAIRE_KEYS, PARTENAIRES_NATIONAUX } from "../referentiel/partenaires";
import { allDepartements, departementLabel } from "../territoire/territoire";
import { grantableRoles, isDepartementRole, isoToday, isStructureRole, managerView } from "./grant-scope";

type Option = { value: string; label: string };

export type RoleFormOptions = {
  roles: Option[];
  structures: Option[];
  departements: Option[];
  partenaires: Option[];
  today: string;
};

/** What the invite and add-role forms may offer this actor: only roles and scopes they may grant. */
export async function roleFormOptions(actor: Actor, q: Queryable = db()): Promise<RoleFormOptions> {
  const roles = grantableRoles(actor);
  const view = managerView(actor);
  const structureRows = roles.some(isStructureRole)
    ? await q
        .select({ value: structures.id, label: structures.nom })
        .from(structures)
        .where(structureScope(view, { structureId: structures.id, departement: structures.departement }))
        .orderBy(asc(structures.nom))
    : [];
  const departements = roles.some(isDepartementRole)
    ? allDepartements()
        .filter((departement) => canSeeDepartement(view, departement.code))
        .map((departement) => ({ value: departement.code, label: departementLabel(departement.code) }))
    : [];
  const partenaires = roles.includes("referent")
    ? PARTENAIRE_KEYS.map((key) => ({ value: key, label: PARTENAIRES_NATIONAUX[key].nomLong }))
    : [];
  return {
    roles: roles.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
    structures: structureRows,
    departements,
    partenaires,
    today: isoToday(),
  };
}
