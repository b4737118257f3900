import {
  AUTONOMIES,
  CANAUX,
  EQUIPEMENTS,
  GENRES,
  HORS_PARTENAIRES,
  ISSUES,
  SIGNALEMENTS,
  TRANCHES_AGE,
} from "../accueil/accueil.labels";
import { typeAideLabel } from "../referentiel/aides";
import { domaineLabel, situationLabel } from "../referentiel/bouquet";
import { partenaireLabel } from "../referentiel/partenaires";
import { communeLabel } from "../territoire/territoire";

/** The breakdowns of a report, in display order, with their French titles. */
export const DIMENSIONS = {
  partenaire: "Par partenaire",
  domaine: "Par domaine du bouquet de services",
  situation: "Par situation (motif de contact)",
  canal: "Par canal",
  aide: "Par type d’aide",
  issue: "Par issue",
  autonomie: "Par autonomie numérique",
  signalement: "Par signalement",
  tranche_age: "Par tranche d’âge",
  genre: "Par genre",
  commune: "Par commune de résidence",
  duree: "Par durée",
  attente: "Par temps d’attente",
  rdv: "Avec ou sans rendez-vous",
  equipement: "Par équipement utilisé",
  premiere_visite: "Première visite",
  agent: "Par agent",
} as const;

export type Dimension = keyof typeof DIMENSIONS;

const FIXED: Partial<Record<Dimension, Record<string, string>>> = {
  canal: CANAUX,
  issue: ISSUES,
  autonomie: AUTONOMIES,
  signalement: SIGNALEMENTS,
  tranche_age: TRANCHES_AGE,
  genre: GENRES,
  equipement: EQUIPEMENTS,
  duree: {
    "0_15": "15 minutes ou moins",
    "16_30": "16 à 30 minutes",
    "31_60": "31 à 60 minutes",
    "61_plus": "Plus d’une heure",
    non_renseignee: "Non renseignée",
  },
  attente: {
    "0_5": "5 minutes ou moins",
    "6_15": "6 à 15 minutes",
    "16_30": "16 à 30 minutes",
    "31_plus": "Plus de 30 minutes",
    non_mesuree: "Non mesurée",
  },
  rdv: { avec: "Avec rendez-vous", sans: "Sans rendez-vous" },
  premiere_visite: { oui: "Oui", non: "Non" },
};

/** The French label of one value of a breakdown (local partners and agents are named by the caller). */
export function valueLabel(dimension: string, valeur: string, names: Map<string, string> = new Map()): string {
  if (valeur === "non_renseigne") return "Non renseigné";
  const name = names.get(valeur);
  if (name !== undefined) return name;
  switch (dimension) {
    case "partenaire":
      return valeur === HORS_PARTENAIRES ? "Hors partenaires" : partenaireLabel(valeur);
    case "domaine":
      return domaineLabel(valeur);
    case "situation":
      return situationLabel(valeur);
    case "aide":
      return typeAideLabel(valeur);
    case "commune":
      return communeLabel(valeur);
    default:
      return FIXED[dimension as Dimension]?.[valeur] ?? valeur;
  }
}
