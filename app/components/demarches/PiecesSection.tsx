import { Form } from "react-router";
import type { Piece } from "../../../src/demarches/get-demarche.server";
import { PIECE_ETATS } from "../../../src/donnees-personnelles/demarches.labels";
import { FormErrors } from "../forms/fields";
import { DsfrTable } from "../tables/DsfrTable";

/** The supporting documents: the state of each paper document, and the list's additions and removals. */
export function PiecesSection({
  pieces,
  closed,
  saved,
  errors,
}: {
  pieces: Piece[];
  closed: boolean;
  /** The state of the pieces was just saved: said next to them, where the agent looks. */
  saved: boolean;
  errors: string[] | undefined;
}) {
  return (
    <>
      <p className="fr-text--sm">Rien n’est téléversé : cochez l’état de chaque pièce du dossier papier.</p>
      <FormErrors errors={errors} />
      {pieces.length === 0 ? (
        <p>Aucune pièce demandée.</p>
      ) : (
        <Form method="post" id="form-pieces" preventScrollReset>
          <input type="hidden" name="intent" value="pieces" />
          <DsfrTable id="table-pieces" caption="Pièces du dossier">
            <thead>
              <tr>
                <th scope="col">Pièce</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {pieces.map((piece, index) => (
                <tr key={piece.id}>
                  <td>{piece.libelle}</td>
                  <td>
                    <input type="hidden" name={`pieces[${index}].id`} value={piece.id} />
                    <label className="fr-sr-only" htmlFor={`piece-${piece.id}`}>
                      État de la pièce {piece.libelle}
                    </label>
                    <select
                      className="fr-select"
                      id={`piece-${piece.id}`}
                      name={`pieces[${index}].etat`}
                      defaultValue={piece.etat}
                      disabled={closed}
                      // Each state saves itself (with JavaScript); without it, the button below saves them all.
                      onChange={(event) => event.currentTarget.form?.requestSubmit()}
                    >
                      {Object.entries(PIECE_ETATS).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </DsfrTable>
          {saved && (
            <p className="fr-message fr-message--valid" role="status" id="pieces-enregistrees">
              État des pièces enregistré.
            </p>
          )}
          {!closed && (
            <button className="fr-btn fr-btn--secondary" type="submit">
              Enregistrer l’état des pièces
            </button>
          )}
        </Form>
      )}
      {!closed && (
        <>
          <Form method="post" className="fr-mt-3w">
            <input type="hidden" name="intent" value="ajouter-piece" />
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="nouvelle-piece">
                Ajouter une pièce à fournir
              </label>
              <input className="fr-input" id="nouvelle-piece" name="libelle" autoComplete="off" />
            </div>
            <button className="fr-btn fr-btn--tertiary fr-icon-add-line fr-btn--icon-left" type="submit">
              Ajouter la pièce
            </button>
          </Form>
          {pieces.length > 0 && (
            <details className="fr-mt-2w">
              <summary>Retirer une pièce de la liste</summary>
              <ul>
                {pieces.map((piece) => (
                  <li key={piece.id}>
                    <Form method="post" className="guichet-inline-form">
                      <input type="hidden" name="intent" value="retirer-piece" />
                      <input type="hidden" name="pieceId" value={piece.id} />
                      {piece.libelle}{" "}
                      <button className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline" type="submit">
                        Retirer<span className="fr-sr-only"> la pièce {piece.libelle}</span>
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </>
  );
}
