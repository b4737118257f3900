/** Stable keys of a structure's reference values and their French labels, in one place. */
export const STRUCTURE_LABELS = {
  france_services: "France Services",
  msap: "Maison de services au public (MSAP)",
} as const;
export const STRUCTURE_FORMATS = {
  fixe: "Fixe",
  multi_site: "Multi-site",
  bus: "Bus (itinérant motorisé)",
  itinerante: "Itinérante (permanences délocalisées)",
  antenne: "Antenne d’une autre structure",
} as const;
export const GESTIONNAIRE_TYPES = {
  commune: "Commune",
  intercommunalite: "Intercommunalité",
  association: "Association",
  gip: "Groupement d’intérêt public (GIP)",
  la_poste: "La Poste",
  etat: "État / sous-préfecture",
  autre: "Autre",
} as const;
export const STRUCTURE_STATUTS = { ouverte: "Ouverte", suspendue: "Suspendue", fermee: "Fermée" } as const;

export type StructureLabel = keyof typeof STRUCTURE_LABELS;
export type StructureFormat = keyof typeof STRUCTURE_FORMATS;
export type GestionnaireType = keyof typeof GESTIONNAIRE_TYPES;
export type StructureStatut = keyof typeof STRUCTURE_STATUTS;

export function keysOf<T extends Record<string, string>>(labels: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
}

export function optionsOf<T extends Record<string, string>>(
  labels: T,
): Array<{ value: keyof T & string; label: string }> {
  return Object.entries(labels).map(([value, label]) => ({ value: value as keyof T & string, label }));
}

/** The French label of a stored key; the key itself when unknown (never throws on stored data). */
export function labelOf(labels: Record<string, string>, key: string | null | undefined): string {
  if (!key) return "";
  return Object.hasOwn(labels, key) ? labels[key] : key;
}
