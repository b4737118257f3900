import type { PartenaireNationalKey } from "./partenaires";

/**
 * The "Bouquet de services" France Services (circulaire n° 6094-SG du 1er juillet 2019, annexe 2 of
 * the departmental convention): domains, the user situations of each domain (labels as worded in
 * the bouquet) and the national partners each situation is delivered with. Stable keys are stored;
 * labels are shown. A situation with no national partner is served with local partners only
 * (MDPH, Missions locales, DGCCRF, associations…).
 */
export type Situation = {
  key: string;
  label: string;
  partenaires: readonly PartenaireNationalKey[];
};

export type Domaine = {
  key: string;
  label: string;
  situations: readonly Situation[];
};

export const BOUQUET = [
  {
    key: "formation_emploi_retraite",
    label: "Formation, emploi et retraite",
    situations: [
      // The CNAV/CARSAT network; MSA members are helped for their retirement too.
      { key: "preparer_retraite", label: "Je prépare ma retraite", partenaires: ["assurance_retraite", "msa"] },
      { key: "chercher_emploi", label: "Je cherche un emploi", partenaires: ["france_travail"] },
      { key: "affilie_msa", label: "Je suis affilié à la MSA", partenaires: ["msa"] },
      { key: "informations_jeunesse", label: "Informations jeunesse", partenaires: [] },
    ],
  },
  {
    key: "prevention_sante",
    label: "Prévention santé",
    situations: [
      // "Services en ligne de la branche Recouvrement": Urssaf.
      {
        key: "rembourser_soins",
        label: "Je cherche à rembourser mes soins",
        partenaires: ["assurance_maladie", "msa", "urssaf"],
      },
      { key: "situation_handicap", label: "Je suis en situation de handicap", partenaires: [] },
      { key: "prendre_soin_sante", label: "Je prends soin de ma santé", partenaires: [] },
    ],
  },
  {
    key: "etat_civil_famille",
    label: "État civil et famille",
    situations: [
      { key: "perte_proche", label: "Je perds un proche", partenaires: ["assurance_maladie", "caf", "msa"] },
      { key: "papiers_identite", label: "J’établis mes papiers d’identité", partenaires: ["france_titres"] },
      { key: "naissance", label: "Je donne naissance", partenaires: ["assurance_maladie", "caf", "msa"] },
    ],
  },
  {
    key: "justice",
    label: "Justice",
    situations: [
      { key: "litige_conflit", label: "Je fais face à un litige ou un conflit", partenaires: ["justice"] },
      { key: "victime_infraction", label: "Je suis victime d’une infraction", partenaires: ["justice"] },
    ],
  },
  {
    key: "budget",
    label: "Budget",
    situations: [
      { key: "declarer_impots", label: "Je déclare mes impôts", partenaires: ["dgfip"] },
      {
        key: "difficultes_financieres",
        label: "Je connais des difficultés financières",
        partenaires: ["caf", "assurance_maladie"],
      },
      { key: "litige_consommation", label: "Je fais face à un litige de consommation", partenaires: [] },
    ],
  },
  {
    key: "logement_mobilite_courrier",
    label: "Logement, mobilité et courrier",
    situations: [
      // Driving licence and registration certificate: ministère de l'Intérieur (ANTS).
      { key: "deplacement", label: "Je me déplace", partenaires: ["france_titres"] },
      // Energy needs and the public service for energy renovation: chèque énergie and Anah.
      { key: "energie", label: "Je gère mon énergie", partenaires: ["cheque_energie", "anah"] },
      // Wording of the bouquet, kept as printed.
      { key: "service_postal", label: "J’ai besoin service postal", partenaires: ["la_poste"] },
      { key: "allocation_logement", label: "Je cherche une allocation logement", partenaires: ["caf"] },
    ],
  },
] as const satisfies readonly Domaine[];

export type DomaineKey = (typeof BOUQUET)[number]["key"];
export type SituationKey = (typeof BOUQUET)[number]["situations"][number]["key"];

type SituationEntry = Situation & { domaine: DomaineKey; domaineLabel: string };

const SITUATIONS: ReadonlyMap<string, SituationEntry> = new Map(
  BOUQUET.flatMap((domaine) =>
    domaine.situations.map(
      (situation) => [situation.key, { ...situation, domaine: domaine.key, domaineLabel: domaine.label }] as const,
    ),
  ),
);

/** Every situation key, in the bouquet's order. */
export const SITUATION_KEYS = [...SITUATIONS.keys()] as SituationKey[];

export function isSituation(key: string): key is SituationKey {
  return SITUATIONS.has(key);
}

/** The French label of a situation; the key itself when unknown (never throws on stored data). */
export function situationLabel(key: string): string {
  return SITUATIONS.get(key)?.label ?? key;
}

/** The domain a situation belongs to, or null when the key is unknown. */
export function domaineOf(situationKey: string): { key: DomaineKey; label: string } | null {
  const situation = SITUATIONS.get(situationKey);
  if (!situation) return null;
  return { key: situation.domaine, label: situation.domaineLabel };
}

export function domaineLabel(key: string): string {
  return BOUQUET.find((d) => d.key === key)?.label ?? key;
}

/** The situations a national partner takes part in, in the bouquet's order. */
export function situationsOfPartner(
  partnerKey: string,
): Array<{ key: SituationKey; label: string; domaine: DomaineKey }> {
  return [...SITUATIONS.values()]
    .filter((situation) => (situation.partenaires as readonly string[]).includes(partnerKey))
    .map((situation) => ({ key: situation.key as SituationKey, label: situation.label, domaine: situation.domaine }));
}

/** The national partners a situation is tied to (empty for situations served by local partners). */
export function situationPartnersOf(situationKey: string): readonly string[] {
  return SITUATIONS.get(situationKey)?.partenaires ?? [];
}
