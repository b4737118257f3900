import { CANAUX } from "../../../src/accueil/accueil.labels";
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

export function demandesCount(count: number): string {
  return count === 1 ? "1 demande" : `${count} demandes`;
}
