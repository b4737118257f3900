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
  // A masked point (ADR 021) masks the total too: the visible points alone would not add up to it.
  const sumOf = (measure: "passages" | "sollicitations") =>
    points.some((point) => point[measure] === null)
      ? null
      : points.reduce((sum, point) => sum + (point[measure] ?? 0), 0);
  const total = { passages: sumOf("passages"), sollicitations: sumOf("sollicitations") };
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
          values: [point.passages ?? 0, point.sollicitations ?? 0],
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
      {parSemaine.length > 0 ? (
        <Chart
          id="evolution-semaine"
          title="Évolution par semaine"
          heading="Semaine"
          points={parSemaine}
          label={weekLabel}
          shortLabel={weekShortLabel}
        />
      ) : (
        <p data-testid="evolution-semaine-retenue">
          Évolution par semaine : réservée à l’équipe de la structure (les semaines chevauchent les mois).
        </p>
      )}
    </>
  );
}
