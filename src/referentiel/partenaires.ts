/**
 * National partners of France Services: stable keys (stored in the database) and French labels
 * (shown to users), in one place. Local partners are rows of `partenaires_locaux`.
 */
export const PARTENAIRES_NATIONAUX = {
  france_travail: { label: "France Travail", nomLong: "France Travail (ex-Pôle emploi)" },
  caf: { label: "CAF", nomLong: "Caisse d’allocations familiales (CNAF)" },
  assurance_maladie: { label: "Assurance maladie", nomLong: "Assurance maladie (CNAM – CPAM)" },
  assurance_retraite: { label: "Assurance retraite", nomLong: "Assurance retraite (CNAV – CARSAT)" },
  msa: { label: "MSA", nomLong: "Mutualité sociale agricole" },
  dgfip: { label: "DGFiP", nomLong: "Direction générale des finances publiques" },
  france_titres: { label: "France Titres", nomLong: "Ministère de l’Intérieur – France Titres (ANTS)" },
  justice: { label: "Justice", nomLong: "Ministère de la Justice (CDAD, points-justice)" },
  la_poste: { label: "La Poste", nomLong: "La Poste" },
  cheque_energie: { label: "Chèque énergie", nomLong: "Chèque énergie" },
  anah: { label: "Anah", nomLong: "Agence nationale de l’habitat" },
  urssaf: { label: "Urssaf", nomLong: "Urssaf" },
} as const;

export type PartenaireNationalKey = keyof typeof PARTENAIRES_NATIONAUX;

export const PARTENAIRE_KEYS = Object.keys(PARTENAIRES_NATIONAUX) as PartenaireNationalKey[];

export function isPartenaireNational(key: string): key is PartenaireNationalKey {
  return Object.hasOwn(PARTENAIRES_NATIONAUX, key);
}

export function partenaireLabel(key: string): string {
  return isPartenaireNational(key) ? PARTENAIRES_NATIONAUX[key].label : key;
}
