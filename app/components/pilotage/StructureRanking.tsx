import type { Report } from "../../../src/pilotage/report.server";
import { DataTable } from "../charts/ChartWithTable";
import { formatNumber, shortDate } from "../format";

type Structures = NonNullable<Report["structures"]>;

/** The DSFR alert naming the open structures with no passage recorded for 14 days or more (as of today). */
export function InactiveStructuresAlert({
  structures,
  periodCode,
  days,
}: {
  structures: Structures;
  periodCode: string;
  days: number;
}) {
  const inactive = structures.filter((structure) => structure.sansSaisie);
  if (inactive.length === 0) {
    return (
      <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-4w" role="status">
        <p>
          Aucune structure sans saisie : chaque structure ouverte a enregistré un passage depuis moins de {days} jours.
        </p>
      </div>
    );
  }
  return (
    <div className="fr-alert fr-alert--warning fr-mb-4w" role="status" data-testid="structures-sans-saisie">
      <h3 className="fr-alert__title">
        {inactive.length === 1 ? "1 structure sans saisie" : `${inactive.length} structures sans saisie`} depuis {days}{" "}
        jours ou plus
      </h3>
      <p>
        Ces structures ouvertes n’ont enregistré aucun passage depuis {days} jours ou plus, à la date d’aujourd’hui :
      </p>
      <ul>
        {inactive.map((structure) => (
          <li key={structure.id}>
            <a href={`/pilotage/structures/${structure.id}?periode=${encodeURIComponent(periodCode)}`}>
              {structure.nom}
            </a>{" "}
            —{" "}
            {structure.derniereSaisie
              ? `dernière saisie le ${shortDate(structure.derniereSaisie)}`
              : "aucune saisie enregistrée"}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The structures of the département ranked by sollicitations over the period, with links to their dashboards. */
export function StructureRanking({
  structures,
  periodCode,
  periodLabel,
  days,
}: {
  structures: Structures;
  periodCode: string;
  periodLabel: string;
  days: number;
}) {
  if (structures.length === 0) return <p>Aucune structure n’est enregistrée dans ce département.</p>;
  return (
    <DataTable
      id="table-classement-structures"
      variant="wide"
      table={{
        caption: `Classement des structures par nombre de sollicitations : ${periodLabel}`,
        columns: ["Structure", "Rang", "Passages", "Sollicitations", "Dernière saisie", "Alerte"],
        rows: structures.map((structure, index) => ({
          key: structure.id,
          header: (
            <a href={`/pilotage/structures/${structure.id}?periode=${encodeURIComponent(periodCode)}`}>
              {structure.nom}
            </a>
          ),
          cells: [
            index + 1,
            formatNumber(structure.passages),
            formatNumber(structure.sollicitations),
            structure.derniereSaisie ? shortDate(structure.derniereSaisie) : "Aucune",
            structure.sansSaisie ? `Sans saisie depuis ${days} jours ou plus` : "—",
          ],
        })),
      }}
    />
  );
}
