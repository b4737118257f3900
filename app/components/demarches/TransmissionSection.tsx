import { Form } from "react-router";
import type { DemarcheDetail } from "../../../src/demarches/get-demarche.server";
import { longDateTime } from "../format";
import { FormErrors } from "../forms/fields";

/** Whether the file is complete: the transmission sheet once it is, the button to mark it when every document is verified. */
export function TransmissionSection({ demarche, errors }: { demarche: DemarcheDetail; errors: string[] | undefined }) {
  const allVerified = demarche.pieces.every((piece) => piece.etat === "verifie");
  if (demarche.completAt)
    return (
      <>
        <p>Dossier vérifié complet le {longDateTime(demarche.completAt)}.</p>
        <a
          className="fr-btn fr-icon-file-pdf-line fr-btn--icon-left"
          href={`/demarches/${demarche.id}/fiche-transmission.pdf`}
          target="_blank"
          rel="noopener"
        >
          Fiche de transmission (PDF, nouvelle fenêtre)
        </a>
      </>
    );
  if (allVerified && !demarche.closed)
    return (
      <Form method="post">
        <input type="hidden" name="intent" value="complet" />
        <FormErrors errors={errors} />
        <p>Toutes les pièces sont vérifiées.</p>
        <button className="fr-btn" type="submit">
          Marquer le dossier complet
        </button>
      </Form>
    );
  return (
    <p>Le dossier sera complet quand chaque pièce sera vérifiée ; la fiche de transmission sera alors disponible.</p>
  );
}
