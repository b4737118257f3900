import type { Report } from "../../../src/pilotage/report.server";
import { DataTable } from "../charts/ChartWithTable";
import { HorizontalBarChart } from "../charts/HorizontalBarChart";
import { formatNumber } from "../format";

/** National level: every département (links to their dashboards) with its totals. */
export function DepartementsTable({
  departements,
  periodCode,
  periodLabel,
}: {
  departements: NonNullable<Report["departements"]>;
  periodCode: string;
  periodLabel: string;
}) {
  if (departements.length === 0) return <p>Aucune activité enregistrée sur la période.</p>;
  return (
    <DataTable
      id="table-departements"
      variant="wide"
      table={{
        caption: `Activité par département : ${periodLabel}`,
        columns: ["Département", "Passages", "Sollicitations"],
        rows: departements.map((departement) => ({
          key: departement.code,
          header: (
            <a
              href={`/pilotage/departements/${encodeURIComponent(departement.code)}?periode=${encodeURIComponent(periodCode)}`}
            >
              {departement.libelle}
            </a>
          ),
          cells: [formatNumber(departement.passages), formatNumber(departement.sollicitations)],
        })),
      }}
    />
  );
}

/** National level: totals by structure format (fixe, bus…), as a chart and its table. */
export function FormatsChart({ formats }: { formats: NonNullable<Report["formats"]> }) {
  if (formats.length === 0) return <p>Aucune activité enregistrée sur la période.</p>;
  const rows = [...formats].sort((a, b) => b.sollicitations - a.sollicitations || a.libelle.localeCompare(b.libelle));
  return (
    <HorizontalBarChart
      id="repartition-format"
      title="Par format de structure"
      measure="sollicitations"
      bars={rows.map((row) => ({ key: row.format, label: row.libelle, value: row.sollicitations }))}
      table={{
        caption: "Par format de structure",
        columns: ["Format", "Passages", "Sollicitations"],
        rows: rows.map((row) => ({
          key: row.format,
          header: row.libelle,
          cells: [formatNumber(row.passages), formatNumber(row.sollicitations)],
        })),
      }}
    />
  );
}
