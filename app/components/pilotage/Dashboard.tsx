import { shortDate } from "../format";
import { BreakdownChart, maskedText } from "./BreakdownChart";
import type { DashboardPage } from "./dashboard-links";
import { EvolutionSection } from "./EvolutionSection";
import { ExportLinks } from "./ExportLinks";
import { KeyFigures } from "./KeyFigures";
import { DepartementsTable, FormatsChart } from "./NationalTables";
import { PeriodForm } from "./PeriodForm";
import { SaisinesSection } from "./SaisinesSection";
import { InactiveStructuresAlert, StructureRanking } from "./StructureRanking";

/** The h1 of a dashboard (also the page title). */
export function dashboardTitle(page: Pick<DashboardPage, "niveau" | "libelle">): string {
  if (page.niveau === "national") return "Pilotage national";
  if (page.niveau === "departement") return `Pilotage du département ${page.libelle}`;
  return `Pilotage : ${page.libelle}`;
}

function LevelLinks({ links }: { links: DashboardPage["niveaux"] }) {
  if (links.length < 2) return null;
  return (
    <nav aria-label="Autres tableaux de bord" className="fr-mb-3w">
      <p className="fr-text--sm fr-mb-1v">Autres tableaux de bord que vous pouvez consulter :</p>
      <ul className="fr-tags-group">
        {links.map((link) => (
          <li key={link.href}>
            {link.current ? (
              <p className="fr-tag">{`${link.label} (affiché)`}</p>
            ) : (
              <a className="fr-tag" href={link.href}>
                {link.label}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A pilotage dashboard (structure, département or national): one page, the same layout at each level. */
export function Dashboard({ page }: { page: DashboardPage }) {
  const { report, periode } = page;
  return (
    <>
      <h1>{dashboardTitle(page)}</h1>
      <p className="fr-text--lead">
        {periode.du === periode.au
          ? `${periode.libelle.charAt(0).toUpperCase()}${periode.libelle.slice(1)}`
          : `${periode.libelle.charAt(0).toUpperCase()}${periode.libelle.slice(1)} : du ${shortDate(periode.du)} au ${shortDate(periode.au)}`}
      </p>
      <LevelLinks links={page.niveaux} />
      <PeriodForm form={page.form} precedente={page.precedente} suivante={page.suivante} />
      {report === null ? (
        <p>Choisissez une période valide pour afficher le tableau de bord.</p>
      ) : (
        <>
          <p className="fr-text--sm">
            Ces chiffres sont des totaux : aucune donnée sur les usagers n’y figure. Ils sont exacts à l’instant où la
            page est affichée.
          </p>

          <h2>Indicateurs clés</h2>
          <KeyFigures report={report.data} />

          {report.data.structures && (
            <>
              <h2 className="fr-mt-6w">Structures du département</h2>
              <InactiveStructuresAlert
                structures={report.data.structures}
                periodCode={periode.code}
                days={page.joursSansSaisie}
              />
              <StructureRanking
                structures={report.data.structures}
                periodCode={periode.code}
                periodLabel={periode.libelle}
                days={page.joursSansSaisie}
              />
            </>
          )}

          {report.data.departements && (
            <>
              <h2 className="fr-mt-6w">Par département</h2>
              <DepartementsTable
                departements={report.data.departements}
                periodCode={periode.code}
                periodLabel={periode.libelle}
              />
            </>
          )}
          {report.data.formats && (
            <>
              <h2 className="fr-mt-6w">Par format de structure</h2>
              <FormatsChart formats={report.data.formats} />
            </>
          )}

          {report.data.saisines && (
            <>
              <h2 className="fr-mt-6w">Saisines des partenaires</h2>
              <SaisinesSection stats={report.data.saisines} />
            </>
          )}

          <h2 className="fr-mt-6w">Évolution</h2>
          <EvolutionSection parSemaine={report.evolution.parSemaine} parMois={report.evolution.parMois} />

          <h2 className="fr-mt-6w">Répartitions</h2>
          <p className="fr-text--sm">
            Les répartitions par tranche d’âge, genre et commune masquent les effectifs inférieurs à{" "}
            {report.data.seuilMasquage} passages : ils apparaissent comme « {maskedText(report.data.seuilMasquage)} »,
            pour qu’aucune personne ne puisse être reconnue. Entre parenthèses : la part du total de la période ; une
            sollicitation peut concerner plusieurs partenaires, situations ou types d’aide, et un passage plusieurs
            équipements, si bien que ces parts peuvent dépasser {"100\u202f%"} au total.
            {report.repartitions.some((breakdown) => breakdown.dimension === "agent") &&
              " La répartition par agent n’est visible que par le ou la responsable de la structure."}
          </p>
          {report.repartitions.map((breakdown) => (
            <BreakdownChart
              key={breakdown.dimension}
              breakdown={breakdown}
              threshold={report.data.seuilMasquage}
              csvHref={report.exports.csv[breakdown.dimension]}
            />
          ))}

          <h2 className="fr-mt-6w">Rapports et exports</h2>
          <ExportLinks links={report.exports} periodLabel={periode.libelle} />
        </>
      )}
    </>
  );
}
