/**
 * The five kinds of help a France Services delivers for its partners (accord cadre national
 * France Services, §3; circulaire n° 6094-SG du 1er juillet 2019). Stable keys are stored,
 * French labels are shown.
 */
export const TYPES_AIDE = {
  information: "Information de premier niveau",
  mise_en_relation: "Prise de contact avec un agent spécialisé du partenaire (mise en relation, rendez-vous, visio)",
  demarche_en_ligne: "Aide aux démarches en ligne",
  outils_numeriques:
    "Mise à disposition et aide à l’utilisation d’outils numériques (poste libre-service, imprimante, scanner)",
  dossier_administratif: "Aide à la compréhension et à la constitution de dossiers administratifs",
} as const;

export type TypeAide = keyof typeof TYPES_AIDE;

export const TYPE_AIDE_KEYS = Object.keys(TYPES_AIDE) as TypeAide[];

export function isTypeAide(key: string): key is TypeAide {
  return Object.hasOwn(TYPES_AIDE, key);
}

export function typeAideLabel(key: string): string {
  return isTypeAide(key) ? TYPES_AIDE[key] : key;
}
