import type { DashboardBreakdown } from "../../../src/pilotage/dashboard.server";
import type { Dimension } from "../../../src/pilotage/labels";
import { HorizontalBarChart } from "../charts/HorizontalBarChart";
import { formatNumber, formatPercent } from "../format";

/** The heading of the first column of each breakdown's table. */
const VALUE_HEADINGS: Record<Dimension, string> = {
  partenaire: "Partenaire",
  domaine: "Domaine",
  situation: "Situation",
  canal: "Canal",
  aide: "Type d’aide",
  issue: "Issue",
  autonomie: "Autonomie numérique",
  signalement: "Signalement",
  tranche_age: "Tranche d’âge",
  genre: "Genre",
  commune: "Commune de résidence",
  duree: "Durée",
  attente: "Temps d’attente",
  rdv: "Rendez-vous",
  equipement: "Équipement",
  premiere_visite: "Première visite",
  agent: "Agent",
};

/** A suppressed cell: below the threshold, or hidden so that no small one can be recomputed (ADR 021). */
export function maskedText(_threshold: number): string {
  return "masqué";
}

/** What « masqué » means, under every table that has a masked cell. */
export function MaskingNote({ threshold }: { threshold: number }) {
  return (
    <p className="fr-text--xs fr-mb-2w">
      « {maskedText(threshold)} » : effectif masqué. Pour qu’aucune personne ne puisse être reconnue, les effectifs
      inférieurs à {threshold} sont masqués, ainsi que d’autres cases choisies pour qu’aucun ne puisse être recalculé à
      partir des totaux.
    </p>
  );
}

/** One breakdown of the report: its bar chart and its data table (masked cells read « masqué »), and its CSV. */
export function BreakdownChart({
  breakdown,
  threshold,
  csvHref,
}: {
  breakdown: DashboardBreakdown;
  threshold: number;
  csvHref?: string;
}) {
  const id = `repartition-${breakdown.dimension.replace(/_/g, "-")}`;
  const masked = maskedText(threshold);
  const hasMasked = breakdown.lignes.some((row) => row.masque);
  const cell = (value: number | null) => (value === null ? masked : formatNumber(value));
  /** The measure the chart draws, with its share of the period's total: « 156 (18,2 %) ». */
  const withShare = (value: number | null) =>
    value === null || breakdown.total === null || breakdown.total === 0
      ? cell(value)
      : `${formatNumber(value)} (${formatPercent(Math.round((value / breakdown.total) * 1000) / 10)})`;
  return (
    <section className="fr-mb-6w" aria-labelledby={`${id}-titre`}>
      <h3 id={`${id}-titre`} className="fr-h5">
        {breakdown.titre}
      </h3>
      {breakdown.retenue ? (
        <p data-testid={`${id}-retenue`}>
          Répartition non publiée : petits effectifs, ou réservée à l’équipe de la structure et au niveau le plus large
          que vous consultez.
        </p>
      ) : breakdown.lignes.length === 0 ? (
        <p>Aucune donnée sur la période.</p>
      ) : (
        <HorizontalBarChart
          id={id}
          title={breakdown.titre}
          measure={breakdown.mesure}
          maskedText={masked}
          bars={breakdown.lignes.map((row) => ({ key: row.cle, label: row.libelle, value: row[breakdown.mesure] }))}
          table={{
            caption: breakdown.titre,
            columns: [
              VALUE_HEADINGS[breakdown.dimension],
              breakdown.mesure === "passages" ? "Passages (part)" : "Passages",
              breakdown.mesure === "sollicitations" ? "Sollicitations (part)" : "Sollicitations",
            ],
            rows: breakdown.lignes.map((row) => ({
              key: row.cle,
              header: row.libelle,
              cells:
                breakdown.mesure === "passages"
                  ? [withShare(row.passages), cell(row.sollicitations)]
                  : [cell(row.passages), withShare(row.sollicitations)],
            })),
            after: (
              <>
                {hasMasked && <MaskingNote threshold={threshold} />}
                {csvHref && (
                  <p className="fr-mb-0">
                    <a className="fr-link fr-link--download" href={csvHref} download>
                      Données « {breakdown.titre} » (CSV)
                      <span className="fr-link__detail">CSV</span>
                    </a>
                  </p>
                )}
              </>
            ),
          }}
        />
      )}
    </section>
  );
}
