import type { ExportLinks as Links } from "./dashboard-links";

function Download({ href, children, detail }: { href: string; children: string; detail: string }) {
  return (
    <li>
      <a className="fr-link fr-link--download" href={href} download>
        {children}
        <span className="fr-link__detail">{detail}</span>
      </a>
    </li>
  );
}

/** The report of the period (PDF, XLSX) and the annual review; CSV files sit under each breakdown. */
export function ExportLinks({ links, periodLabel }: { links: Links; periodLabel: string }) {
  const { rapport, bilanAnnuel } = links;
  const reportName =
    rapport.kind === "trimestre"
      ? "Rapport trimestriel"
      : rapport.kind === "annee"
        ? "Bilan annuel"
        : "Rapport de la période";
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <h3 className="fr-h6">{`${reportName} : ${periodLabel}`}</h3>
        <ul className="fr-links-group">
          <Download href={rapport.pdf} detail="PDF, avec graphiques">{`${reportName} (PDF)`}</Download>
          <Download href={rapport.xlsx} detail="XLSX, une feuille par répartition">
            Tableur (XLSX)
          </Download>
        </ul>
      </div>
      {rapport.kind !== "annee" && (
        <div className="fr-col-12 fr-col-md-6">
          <h3 className="fr-h6">{`Bilan annuel ${bilanAnnuel.annee}`}</h3>
          <ul className="fr-links-group">
            <li>
              <a className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={bilanAnnuel.page}>
                {`Bilan annuel ${bilanAnnuel.annee} (page)`}
              </a>
            </li>
            <Download
              href={bilanAnnuel.pdf}
              detail="PDF, avec graphiques"
            >{`Bilan annuel ${bilanAnnuel.annee} (PDF)`}</Download>
            <Download
              href={bilanAnnuel.xlsx}
              detail="XLSX, une feuille par répartition"
            >{`Bilan annuel ${bilanAnnuel.annee} (XLSX)`}</Download>
          </ul>
        </div>
      )}
    </div>
  );
}
