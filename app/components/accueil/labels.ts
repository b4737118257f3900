import { CANAUX } from "../../../src/accueil/accueil.labels";
import { PARIS_TIME_ZONE, parisClock } from "../../../src/platform/time";
import { situationLabel } from "../../../src/referentiel/bouquet";
import { partenaireLabel } from "../../../src/referentiel/partenaires";

/** What a page needs to name a recorded demand: "CAF – Je cherche une allocation logement". */
export type DemandeSummary = {
  horsPartenaires: boolean;
  partenaires: string[];
  partenairesLocaux: Array<{ id: string; nom: string }>;
  situations: string[];
};

export function demandeLabel(demande: DemandeSummary): string {
  const partners = demande.horsPartenaires
    ? ["Hors partenaires"]
    : [...demande.partenaires.map(partenaireLabel), ...demande.partenairesLocaux.map((local) => local.nom)];
  const situations = demande.situations.map(situationLabel);
  return situations.length > 0 ? `${partners.join(", ")} – ${situations.join(", ")}` : partners.join(", ");
}

export function canalLabel(canal: string): string {
  return (CANAUX as Record<string, string>)[canal] ?? canal;
}

const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS_TIME_ZONE,
  dateStyle: "long",
  timeStyle: "short",
});
const dateFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS_TIME_ZONE, dateStyle: "long" });

/** "14:05" in Paris. */
export function heure(iso: string): string {
  return parisClock(new Date(iso));
}

/** "22 novembre 2026 à 14:05" in Paris. */
export function dateHeure(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** "22 novembre 2026" in Paris, with the French "1er". */
export function date(iso: string): string {
  return dateFormat.format(new Date(iso)).replace(/^1 /, "1er ");
}

export function demandesCount(count: number): string {
  return count === 1 ? "1 demande" : `${count} demandes`;
}
