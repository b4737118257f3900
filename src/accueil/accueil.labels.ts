/** Stable keys of the accueil's reference values, with their French labels in one place. */
export const CANAUX = {
  accueil_physique: "Accueil physique",
  telephone: "Téléphone",
  courriel: "Courriel",
  courrier: "Courrier",
  visio: "Visioconférence",
  hors_les_murs: "Hors les murs / itinérance",
  formulaire_en_ligne: "Formulaire en ligne",
} as const;

/** Channels where the usager is physically there (equipment, waiting list). */
export const CANAUX_PRESENTIELS = ["accueil_physique", "hors_les_murs"] as const;
/** Channels where an appointment makes sense. */
export const CANAUX_AVEC_RDV = ["accueil_physique", "hors_les_murs", "telephone", "visio"] as const;

export const TRANCHES_AGE = {
  moins_26: "Moins de 26 ans",
  "26_39": "26 à 39 ans",
  "40_54": "40 à 54 ans",
  "55_64": "55 à 64 ans",
  "65_74": "65 à 74 ans",
  "75_plus": "75 ans et plus",
} as const;

export const GENRES = { femme: "Femme", homme: "Homme", autre: "Autre" } as const;

export const EQUIPEMENTS = {
  poste: "Poste en libre-service",
  imprimante: "Imprimante",
  scanner: "Scanner",
  visio: "Équipement de visioconférence",
} as const;

export const AUTONOMIES = {
  autonome: "Autonome",
  partiellement: "Partiellement accompagné",
  entierement: "Entièrement accompagné",
} as const;

export const ISSUES = {
  resolu_sur_place: "Résolu sur place",
  oriente_partenaire: "Orienté vers le partenaire",
  rdv_partenaire: "Rendez-vous pris avec le partenaire",
  a_escalader: "À escalader vers un référent",
  attente_pieces: "En attente de pièces",
  non_resolu: "Non résolu",
} as const;

export const SIGNALEMENTS = {
  situation_complexe: "Situation complexe",
  non_recours: "Non-recours aux droits identifié",
  difficulte_numerique: "Difficulté avec le numérique",
  allophone: "Usager allophone",
  handicap: "Situation de handicap",
} as const;

export type Canal = keyof typeof CANAUX;
export type TrancheAge = keyof typeof TRANCHES_AGE;
export type Genre = keyof typeof GENRES;
export type Equipement = keyof typeof EQUIPEMENTS;
export type Autonomie = keyof typeof AUTONOMIES;
export type Issue = keyof typeof ISSUES;
export type Signalement = keyof typeof SIGNALEMENTS;

/** The boolean column of `sollicitations` that stores each signalement. */
export const SIGNALEMENT_COLUMNS = {
  situation_complexe: "situationComplexe",
  non_recours: "nonRecours",
  difficulte_numerique: "difficulteNumerique",
  allophone: "allophone",
  handicap: "handicap",
} as const satisfies Record<Signalement, string>;

type SignalementColumn = (typeof SIGNALEMENT_COLUMNS)[Signalement];

/** The signalements set on a sollicitation row. */
export function signalementsOf(row: Record<SignalementColumn, boolean>): Signalement[] {
  return (Object.entries(SIGNALEMENT_COLUMNS) as Array<[Signalement, SignalementColumn]>)
    .filter(([, column]) => row[column])
    .map(([key]) => key);
}

/** "Hors partenaires": a demand that concerns none of the partners. */
export const HORS_PARTENAIRES = "hors_partenaires";
