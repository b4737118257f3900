import { BOUQUET, situationPartnersOf } from "../../../src/referentiel/bouquet";

/**
 * The state of one demand (sollicitation) in the accueil form, as the browser holds it: keys
 * only, every value a string as in a form. Pure functions, tested in demande.test.ts.
 */
export type DemandeValues = {
  partenaires: string[];
  partenairesLocaux: string[];
  horsPartenaires: boolean;
  situations: string[];
  aides: string[];
  autonomie: string;
  issue: string;
  signalements: string[];
  precision: string;
};

export type QuickPickChoice = { partenaire: string; situation: string; aide: string };

export function emptyDemande(): DemandeValues {
  return {
    partenaires: [],
    partenairesLocaux: [],
    horsPartenaires: false,
    situations: [],
    aides: [],
    autonomie: "",
    issue: "",
    signalements: [],
    precision: "",
  };
}

const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === null || value === "" ? [] : [value]).filter(
    (item): item is string => typeof item === "string",
  );
const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** A demand as submitted (conform's `initialValue` of a failed submission, or any untrusted object). */
export function demandeFromSubmitted(value: unknown): DemandeValues {
  const record = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  return {
    partenaires: strings(record.partenaires),
    partenairesLocaux: strings(record.partenairesLocaux),
    horsPartenaires: record.horsPartenaires === "on" || record.horsPartenaires === true,
    situations: strings(record.situations),
    aides: strings(record.aides),
    autonomie: text(record.autonomie),
    issue: text(record.issue),
    signalements: strings(record.signalements),
    precision: text(record.precision),
  };
}

/** The demands of a failed submission, or null when there is none to restore. */
export function demandesFromSubmitted(initialValue: unknown): DemandeValues[] | null {
  const list = (initialValue as { sollicitations?: unknown } | null | undefined)?.sollicitations;
  if (!Array.isArray(list) || list.length === 0) return null;
  return Array.from(list.slice(0, 20), (item) => demandeFromSubmitted(item));
}

export function applyQuickPick(values: DemandeValues, pick: QuickPickChoice): DemandeValues {
  return {
    ...values,
    partenaires: [pick.partenaire],
    partenairesLocaux: [],
    horsPartenaires: false,
    situations: [pick.situation],
    aides: [pick.aide],
  };
}

const toggle = (list: string[], value: string, on: boolean) =>
  on ? (list.includes(value) ? list : [...list, value]) : list.filter((item) => item !== value);

/** A situation still makes sense with these partners (the schema's and the database's rule). */
function situationCovered(
  situation: string,
  values: Pick<DemandeValues, "partenaires" | "partenairesLocaux" | "horsPartenaires">,
): boolean {
  const partners = situationPartnersOf(situation);
  if (partners.length === 0) return true;
  if (values.horsPartenaires) return false;
  return values.partenairesLocaux.length > 0 || partners.some((partner) => values.partenaires.includes(partner));
}

function dropUncovered(values: DemandeValues): DemandeValues {
  return { ...values, situations: values.situations.filter((situation) => situationCovered(situation, values)) };
}

/** Checking a partner (national or local) leaves "hors partenaires"; unchecking one drops the situations it alone covered. */
export function togglePartenaire(
  values: DemandeValues,
  partner: string,
  on: boolean,
  kind: "national" | "local" = "national",
): DemandeValues {
  const next =
    kind === "national"
      ? { ...values, partenaires: toggle(values.partenaires, partner, on) }
      : { ...values, partenairesLocaux: toggle(values.partenairesLocaux, partner, on) };
  return dropUncovered(on ? { ...next, horsPartenaires: false } : next);
}

export function toggleHorsPartenaires(values: DemandeValues, on: boolean): DemandeValues {
  if (!on) return { ...values, horsPartenaires: false };
  return dropUncovered({ ...values, horsPartenaires: true, partenaires: [], partenairesLocaux: [] });
}

/** Checking a situation none of the chosen partners deals with also checks its first partner. */
export function toggleSituation(values: DemandeValues, situation: string, on: boolean): DemandeValues {
  if (!on) return { ...values, situations: values.situations.filter((item) => item !== situation) };
  const next = { ...values, situations: toggle(values.situations, situation, true) };
  if (situationCovered(situation, next)) return next;
  return { ...next, horsPartenaires: false, partenaires: [...next.partenaires, situationPartnersOf(situation)[0]] };
}

export function toggleIn<K extends "aides" | "signalements">(
  values: DemandeValues,
  key: K,
  value: string,
  on: boolean,
): DemandeValues {
  return { ...values, [key]: toggle(values[key], value, on) };
}

/**
 * The situations offered once a partner is chosen (with JavaScript): those of the chosen national
 * partners, those served by local partners when one is chosen or the demand is "hors partenaires",
 * and any already checked. Without a partner: none, the agent starts from a partner or the filter.
 */
export function situationsOffered(values: DemandeValues): Set<string> {
  const offered = new Set(values.situations);
  for (const domaine of BOUQUET) {
    for (const situation of domaine.situations) {
      const partners = situation.partenaires as readonly string[];
      if (
        partners.length === 0
          ? values.partenairesLocaux.length > 0 || values.horsPartenaires
          : partners.some((partner) => values.partenaires.includes(partner))
      ) {
        offered.add(situation.key);
      }
    }
  }
  return offered;
}
