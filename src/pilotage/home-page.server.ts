import type { Actor } from "../acces/actor.server";
import { rolesGrant } from "../acces/permissions";
import { departementScope } from "../acces/tenant-scope.server";
import { partenaireLabel } from "../referentiel/partenaires";
import { listStructures } from "../structures/list-structures.server";
import { communeLabel, departementLabel } from "../territoire/territoire";
import { adminCounters, pendingInvitationCount, teamSizes } from "./home-summary.server";

export type HomePage = Awaited<ReturnType<typeof homePage>>;

/**
 * The home page's view model: each section is there when one of the actor's permissions asks for it
 * (their team's structures, their départements' or the whole network's, their referent scope,
 * pending invitations, the platform's counters), every figure read within the actor's scope.
 */
export async function homePage(actor: Actor) {
  const visible = rolesGrant(actor.roles, "structure:read") ? await listStructures(actor) : [];
  const own = visible.filter((structure) => actor.structureIds.includes(structure.id));
  const sizes = await teamSizes(own.map((structure) => structure.id));
  return {
    prenom: actor.prenom,
    currentStructureId: actor.currentStructureId,
    ownStructures: own.map((structure) => ({
      ...structure,
      communeLabel: communeLabel(structure.communeInsee),
      teamSize: sizes.get(structure.id) ?? 0,
      isResponsable: actor.responsableStructureIds.includes(structure.id),
    })),
    wideStructures: rolesGrant(actor.roles, "structure:read_departement")
      ? visible.map((structure) => ({
          ...structure,
          communeLabel: communeLabel(structure.communeInsee),
          departementLabel: departementLabel(structure.departement),
        }))
      : [],
    network: rolesGrant(actor.roles, "reseau:read"),
    coordinateurDepartements: actor.coordinateurDepartements.map(departementLabel),
    referentScopes: actor.referentScopes.map((scope) => ({
      partenaire: partenaireLabel(scope.partnerKey),
      departement: departementLabel(scope.departement),
    })),
    pendingInvitations: rolesGrant(actor.roles, "user:invite")
      ? await pendingInvitationCount(actor.responsableStructureIds, departementScope(actor))
      : 0,
    admin: rolesGrant(actor.roles, "plateforme:read_counters") ? await adminCounters() : null,
  };
}
