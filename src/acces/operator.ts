import type { Actor } from "./actor.server";

/**
 * The CLI's guard. Whoever runs `guichet` on the server has the operator's rights (they hold the
 * database anyway); the journal records them with role "cli" and no user id.
 */
export function requireOperator(): Actor {
  return {
    userId: "",
    email: "",
    prenom: "Opérateur",
    nom: "CLI",
    totpEnabled: false,
    roles: new Set(["admin"]),
    primaryRole: "admin",
    assignments: [],
    structureIds: [],
    responsableStructureIds: [],
    coordinateurDepartements: [],
    referentScopes: [],
    currentStructureId: null,
    sessionIdHash: null,
    via: "cli",
  };
}

/** The id and role an audit entry records for an actor. */
export function auditActor(actor: Actor): { actorId: string | null; role: string | null } {
  if (actor.via === "cli") return { actorId: null, role: "cli" };
  return { actorId: actor.userId, role: actor.primaryRole };
}
