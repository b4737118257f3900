import type { Report } from "../../../src/pilotage/report.server";
import { DataTable } from "../charts/ChartWithTable";
import { formatEvolution, formatMinutes, formatNumber, formatPercent } from "../format";

type Figures = Pick<Report, "niveau" | "periode" | "totaux" | "periodePrecedente" | "moyenneDepartement">;

const TILE_STYLE = { border: "1px solid var(--border-default-grey, #dddddd)", height: "100%" } as const;

function Tile({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <li className="fr-col-12 fr-col-sm-6 fr-col-lg">
      <div className="fr-p-2w" style={TILE_STYLE}>
        <p className="fr-text--sm fr-mb-1v">{label}</p>
        <p className="fr-h3 fr-mb-1v" data-testid={testId}>
          {value}
        </p>
        {detail && <p className="fr-text--xs fr-mb-0">{detail}</p>}
      </div>
    </li>
  );
}

/** Totals of the period, compared with the previous period and the département average; durations and resolution. */
export function KeyFigures({ report }: { report: Figures }) {
  const { totaux, periodePrecedente: previous, moyenneDepartement: average } = report;
  const averageHeading =
    report.niveau === "structure" ? "Moyenne des structures du département" : "Moyenne par structure ouverte";
  const averageDetail = average
    ? ` (${average.structures} structure${average.structures > 1 ? "s" : ""} ouverte${average.structures > 1 ? "s" : ""})`
    : "";
  const rows = [
    {
      key: "passages",
      label: "Fréquentation (passages)",
      value: totaux.passages,
      previous: previous.passages,
      average: average?.passages ?? null,
    },
    {
      key: "sollicitations",
      label: "Sollicitations",
      value: totaux.sollicitations,
      previous: previous.sollicitations,
      average: average?.sollicitations ?? null,
    },
  ];
  return (
    <>
      <ul className="fr-grid-row fr-grid-row--gutters fr-mb-3w fr-raw-list">
        <Tile
          label="Fréquentation (passages)"
          value={formatNumber(totaux.passages)}
          detail={`${formatEvolution(totaux.passages, previous.passages)} par rapport à la période précédente`}
          testId="total-passages"
        />
        <Tile
          label="Sollicitations"
          value={formatNumber(totaux.sollicitations)}
          detail={`${formatEvolution(totaux.sollicitations, previous.sollicitations)} par rapport à la période précédente`}
          testId="total-sollicitations"
        />
        <Tile
          label="Durée moyenne d’un passage"
          value={formatMinutes(totaux.dureeMoyenneMinutes)}
          detail="Passages dont la durée est renseignée"
          testId="duree-moyenne"
        />
        <Tile
          label="Attente moyenne"
          value={formatMinutes(totaux.attenteMoyenneMinutes)}
          detail="Attentes mesurées par la file d’attente"
          testId="attente-moyenne"
        />
        <Tile
          label="Sollicitations résolues sur place"
          value={formatPercent(totaux.partResoluSurPlace)}
          detail="Part des sollicitations de la période"
          testId="part-resolu"
        />
      </ul>
      <DataTable
        id="table-comparaisons"
        variant="wide"
        table={{
          caption: `Comparaisons : ${report.periode.libelle}, avec la période précédente (${previous.libelle})${average ? ` et la ${averageHeading.toLowerCase()}${averageDetail}` : ""}`,
          columns: [
            "Indicateur",
            "Période affichée",
            "Période précédente",
            "Évolution",
            ...(average ? [averageHeading] : []),
          ],
          rows: rows.map((row) => ({
            key: row.key,
            header: row.label,
            cells: [
              formatNumber(row.value),
              formatNumber(row.previous),
              formatEvolution(row.value, row.previous),
              ...(average
                ? [
                    `${formatNumber(row.average ?? 0)}${report.niveau === "structure" && row.average ? ` (écart : ${formatEvolution(row.value, row.average)})` : ""}`,
                  ]
                : []),
            ],
          })),
        }}
      />
    </>
  );
}
