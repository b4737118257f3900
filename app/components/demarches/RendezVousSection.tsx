import type { DemarcheDetail } from "../../../src/demarches/get-demarche.server";
import { longDateTime } from "../format";

/** The appointment prepared with the partner, its sheet for the usager, and the link to prepare or change it. */
export function RendezVousSection({ demarche }: { demarche: DemarcheDetail }) {
  return (
    <>
      {demarche.rendezVous ? (
        <p>
          Le {longDateTime(demarche.rendezVous.at)}, {demarche.rendezVous.lieu}, avec{" "}
          {demarche.rendezVous.interlocuteur}.{" "}
          <a className="fr-link" href={`/demarches/${demarche.id}/rendez-vous.pdf`} target="_blank" rel="noopener">
            Fiche pour l’usager (PDF, nouvelle fenêtre)
          </a>
        </p>
      ) : (
        <p>Aucun rendez-vous préparé.</p>
      )}
      {!demarche.closed && (
        <a className="fr-btn fr-btn--secondary" href={`/demarches/${demarche.id}/rendez-vous`}>
          {demarche.rendezVous ? "Modifier le rendez-vous" : "Préparer un rendez-vous"}
        </a>
      )}
    </>
  );
}
