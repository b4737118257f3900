import type { EvolutionPoint } from "../../../src/pilotage/dashboard.server";
import { EvolutionChart } from "../charts/EvolutionChart";
import { formatNumber, monthLabel, monthShortLabel, weekLabel, weekShortLabel } from "../format";

const SERIES: [string, string] = ["Passages", "Sollicitations"];

function Chart({
  id,
  title,
  heading,
  points,
  label,
  shortLabel,
}: {
  id: string;
  title: string;
  heading: string;
  points: EvolutionPoint[];
  label: (day: string) => string;
  shortLabel: (day: string) => string;
}) {
  const total = points.reduce(
    (sum, point) => ({
      passages: sum.passages + point.passages,
      sollicitations: sum.sollicitations + point.sollicitations,
    }),
    { passages: 0, sollicitations: 0 },
  );
  return (
    <>
      <h3 className="fr-h5">{title}</h3>
      <EvolutionChart
        id={id}
        title={title}
        series={SERIES}
        points={points.map((point) => ({
          key: point.debut,
          label: label(point.debut),
          shortLabel: shortLabel(point.debut),
          values: [point.passages, point.sollicitations],
        }))}
        table={{
          caption: title,
          columns: [heading, ...SERIES],
          rows: points.map((point) => ({
            key: point.debut,
            header: label(point.debut),
            cells: [formatNumber(point.passages), formatNumber(point.sollicitations)],
          })),
          total: { header: "Total", cells: [formatNumber(total.passages), formatNumber(total.sollicitations)] },
        }}
      />
    </>
  );
}

/** Passages and sollicitations by week and by month. */
export function EvolutionSection({ parSemaine, parMois }: { parSemaine: EvolutionPoint[]; parMois: EvolutionPoint[] }) {
  const severalYears =
    parMois.length > 0 && parMois[0].debut.slice(0, 4) !== parMois[parMois.length - 1].debut.slice(0, 4);
  return (
    <>
      <Chart
        id="evolution-mois"
        title="Évolution par mois"
        heading="Mois"
        points={parMois}
        label={monthLabel}
        shortLabel={(day) => monthShortLabel(day, severalYears)}
      />
      <Chart
        id="evolution-semaine"
        title="Évolution par semaine"
        heading="Semaine"
        points={parSemaine}
        label={weekLabel}
        shortLabel={weekShortLabel}
      />
    </>
  );
}
