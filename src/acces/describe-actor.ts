import type { Actor } from "./actor.server";

/** The public description of a user and their roles (API /me, and the account page). */
export function describeActor(actor: Actor) {
  return {
    id: actor.userId,
    email: actor.email,
    prenom: actor.prenom,
    nom: actor.nom,
    roles: actor.assignments.map((assignment) => ({
      role: assignment.role,
      structureId: assignment.structureId,
      departement: assignment.departement,
      partenaire: assignment.partnerKey,
      debut: assignment.startsOn,
      fin: assignment.endsOn,
    })),
    structureCourante: actor.currentStructureId,
    doubleAuthentification: actor.totpEnabled,
  };
}
