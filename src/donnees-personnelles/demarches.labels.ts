import { keysOf } from "../structures/structures.labels";

export { labelOf, optionsOf } from "../structures/structures.labels";

/** Stable keys of the démarche and their French labels, in one place. */
export const DEMARCHE_STATUTS = {
  ouverte: "Ouverte",
  attente_usager: "En attente de l’usager",
  attente_partenaire: "En attente du partenaire",
  terminee: "Terminée",
  abandonnee: "Abandonnée",
} as const;
export type DemarcheStatut = keyof typeof DEMARCHE_STATUTS;
export const DEMARCHE_STATUT_KEYS = keysOf(DEMARCHE_STATUTS);
export const CLOSED_STATUTS: readonly DemarcheStatut[] = ["terminee", "abandonnee"];

export function isClosedStatut(statut: string): boolean {
  return (CLOSED_STATUTS as readonly string[]).includes(statut);
}

export const PIECE_ETATS = { a_fournir: "À fournir", fourni: "Fourni", verifie: "Vérifié" } as const;
export type PieceEtat = keyof typeof PIECE_ETATS;
export const PIECE_ETAT_KEYS = keysOf(PIECE_ETATS);

/** What an agent may do "au nom et pour le compte de l'usager" (each needs an active mandate). */
export const ACTION_NATURES = {
  demarche_en_ligne: "Démarche en ligne réalisée pour le compte de l’usager",
  demande_communication_donnees: "Demande de communication de données personnelles de l’usager",
  echange_partenaire: "Échange avec le partenaire au nom de l’usager",
} as const;
export type ActionNature = keyof typeof ACTION_NATURES;
export const ACTION_NATURE_KEYS = keysOf(ACTION_NATURES);
