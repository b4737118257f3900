import { Form } from "react-router";
import type { DemarcheDetail } from "../../../src/demarches/get-demarche.server";
import { ACTION_NATURES } from "../../../src/donnees-personnelles/demarches.labels";
import { MANDAT_STATUTS } from "../../../src/donnees-personnelles/mandats.labels";
import { labelOf } from "../../../src/structures/structures.labels";
import { longDate, longDateTime } from "../format";
import { FormErrors } from "../forms/fields";
import { DsfrTable } from "../tables/DsfrTable";

/** The mandates covering a démarche, the actions done on the usager's behalf, and the form to record one. */
export function PourLeCompteSection({ demarche, errors }: { demarche: DemarcheDetail; errors: string[] | undefined }) {
  const activeMandat = demarche.mandats.find((mandat) => mandat.statut === "valide" && !mandat.authorisationRevoked);
  return (
    <>
      {demarche.mandats.length === 0 ? (
        <p>
          Aucun mandat ne couvre cette démarche.{" "}
          <a className="fr-link" href={`/mandats/nouveau?usager=${demarche.usager.id}`}>
            Établir un mandat
          </a>
        </p>
      ) : (
        <ul>
          {demarche.mandats.map((mandat) => (
            <li key={mandat.id}>
              <a href={`/mandats/${mandat.id}`}>Mandat {labelOf(MANDAT_STATUTS, mandat.statut).toLowerCase()}</a>
              {mandat.authorisationRevoked
                ? " (retiré pour cette démarche)"
                : mandat.statut === "termine"
                  ? " : il a pris fin quand toutes ses démarches ont été closes et ne couvre plus cette démarche."
                  : `, valable jusqu’au ${longDate(mandat.expiresOn)}`}
              {mandat.statut === "termine" && !mandat.authorisationRevoked && !demarche.closed && (
                <>
                  {" "}
                  {mandat.signed && (
                    <>
                      <a className="fr-link" href={`/mandats/${mandat.id}#renouvellement-titre`}>
                        Renouveler ce mandat
                      </a>{" "}
                      ou{" "}
                    </>
                  )}
                  <a className="fr-link" href={`/mandats/nouveau?usager=${demarche.usager.id}`}>
                    {mandat.signed ? "établir un nouveau mandat" : "Établir un nouveau mandat"}
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {demarche.actions.length > 0 && (
        <DsfrTable id="table-actions" caption="Actions faites au nom et pour le compte de l’usager">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Action</th>
              <th scope="col">Agent</th>
            </tr>
          </thead>
          <tbody>
            {demarche.actions.map((action) => (
              <tr key={action.id}>
                <td>{longDateTime(action.at)}</td>
                <td>{labelOf(ACTION_NATURES, action.nature)}</td>
                <td>{action.agentNom}</td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
      {!demarche.closed && (
        <Form method="post" className="fr-mt-2w">
          <input type="hidden" name="intent" value="action" />
          <FormErrors errors={errors} />
          {!activeMandat && (
            <p className="fr-text--sm">Sans mandat valide couvrant cette démarche, l’action sera refusée.</p>
          )}
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="nature-action">
              Enregistrer une action faite au nom de l’usager
            </label>
            <select className="fr-select" id="nature-action" name="nature">
              {Object.entries(ACTION_NATURES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <button className="fr-btn fr-btn--secondary" type="submit">
            Enregistrer l’action
          </button>
        </Form>
      )}
    </>
  );
}
