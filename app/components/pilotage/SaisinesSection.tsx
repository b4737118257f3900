import type { Report } from "../../../src/pilotage/report.server";
import { DataTable } from "../charts/ChartWithTable";

type Stats = NonNullable<Report["saisines"]>;
type Line = Stats["total"];

const hours = (value: number | null) => (value === null ? "—" : `${String(value).replace(".", ",")} h`);

/** The escalations to the partners' referents (issue 6), for the comité de pilotage. */
export function SaisinesSection({ stats }: { stats: Stats }) {
  const cells = (line: Line) => [
    line.nombre,
    hours(line.premiereReponseMediane),
    hours(line.premiereReponseP90),
    hours(line.resolutionMediane),
    hours(line.resolutionP90),
    `${String(Math.round(line.partEnRetard * 1000) / 10).replace(".", ",")}\u202f%`,
    `${line.utilite.utile} / ${line.utilite.ne_sait_pas} / ${line.utilite.pas_utile}`,
    line.reorientations,
  ];
  return (
    <>
      <p className="fr-text--sm">
        Délais en heures ouvrées (9 h – 17 h, hors week-ends et jours fériés du département de la structure).
      </p>
      <DataTable
        id="tableau-saisines"
        variant="wide"
        table={{
          caption: "Saisines des référents partenaires, par partenaire",
          columns: [
            "Partenaire",
            "Saisines",
            "1re réponse, médiane",
            "1re réponse, 90e centile",
            "Résolution, médiane",
            "Résolution, 90e centile",
            "En retard",
            "Utile / je ne sais pas / pas utile",
            "Réorientations",
          ],
          rows: stats.parPartenaire.map((line) => ({ key: line.cle, header: line.libelle, cells: cells(line) })),
          total: { header: "Tous partenaires", cells: cells(stats.total) },
        }}
      />
    </>
  );
}
