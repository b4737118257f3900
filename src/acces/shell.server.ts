import { actorStructures } from "./actor.server";
import { readSessionState } from "./guards.server";
import { ROLE_LABELS, type Role } from "./roles";

export type Shell = {
  prenom: string;
  nom: string;
  roles: Role[];
  roleLabel: string;
  structures: Array<{ id: string; nom: string }>;
  currentStructureId: string | null;
} | null;

/** What the header and the navigation need to know about the logged-in user (nothing when anonymous). */
export async function loadShell(request: Request): Promise<Shell> {
  const state = await readSessionState(request);
  if (state.kind !== "authenticated") return null;
  const { actor } = state;
  return {
    prenom: actor.prenom,
    nom: actor.nom,
    roles: [...actor.roles],
    roleLabel: actor.primaryRole ? ROLE_LABELS[actor.primaryRole] : "Sans rôle actif",
    structures: await actorStructures(actor),
    currentStructureId: actor.currentStructureId,
  };
}
