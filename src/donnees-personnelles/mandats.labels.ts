import { keysOf } from "../structures/structures.labels";

/** Categories of personal data a mandant may authorise: stable keys, French labels. */
export const DONNEES_AUTORISEES = {
  etat_civil: "État civil (nom, prénom, date de naissance)",
  coordonnees: "Coordonnées (adresse, téléphone, adresse électronique)",
  situation_familiale: "Situation familiale",
  ressources: "Ressources et revenus",
  logement: "Logement",
  emploi: "Emploi et formation",
  sante: "Santé (le strict nécessaire à la démarche)",
  fiscalite: "Situation fiscale",
  identifiants_partenaires:
    "Numéros d’identification auprès des organismes (allocataire, sécurité sociale, fiscal, France Travail)",
} as const;
export type DonneeKey = keyof typeof DONNEES_AUTORISEES;
export const DONNEE_KEYS = keysOf(DONNEES_AUTORISEES);

export const MANDAT_STATUTS = {
  en_attente_signature: "En attente de la signature",
  valide: "Valide",
  revoque: "Révoqué",
  expire: "Expiré",
  termine: "Terminé (démarches réalisées)",
} as const;
export type MandatStatut = keyof typeof MANDAT_STATUTS;

/** What the public verification page says: never more than this. */
export const VERIFICATION_LABELS = {
  valide: "Ce mandat est valide.",
  revoque: "Ce mandat a été révoqué.",
  expire: "Ce mandat a expiré : il n’est plus valide.",
  en_attente_signature: "Ce mandat n’est pas encore valide : sa signature n’a pas été enregistrée.",
} as const;
export type VerificationResult = keyof typeof VERIFICATION_LABELS;

export const DUTIES_OF_MANDATAIRE = [
  "utiliser les données à caractère personnel strictement nécessaires à la réalisation de ces seules démarches administratives ;",
  "conserver les données à caractère personnel strictement nécessaires à ces démarches le seul temps strictement nécessaire à leur réalisation ;",
  "détruire, dès la réalisation de ces démarches, les données à caractère personnel en sa possession.",
] as const;
