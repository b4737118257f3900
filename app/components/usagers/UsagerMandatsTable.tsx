import type { UsagerMandatSummary } from "../../../src/usagers/get-usager.server";
import { longDate } from "../format";
import { MandatStatusBadge } from "../mandats/MandatStatusBadge";
import { DsfrTable } from "../tables/DsfrTable";

/** The mandates the usager gave: status, démarches covered, end of validity. */
export function UsagerMandatsTable({ mandats }: { mandats: UsagerMandatSummary[] }) {
  if (mandats.length === 0)
    return <p>Aucun mandat. Un mandat n’est nécessaire que pour agir au nom et pour le compte de l’usager.</p>;
  return (
    <DsfrTable id="table-mandats" caption="Mandats donnés par l’usager">
      <thead>
        <tr>
          <th scope="col">Mandat</th>
          <th scope="col">Statut</th>
          <th scope="col">Démarches couvertes</th>
          <th scope="col">Valable jusqu’au</th>
        </tr>
      </thead>
      <tbody>
        {mandats.map((mandat) => (
          <tr key={mandat.id}>
            <td>
              <a href={`/mandats/${mandat.id}`}>Mandat du {longDate(mandat.createdAt)}</a>
            </td>
            <td>
              <MandatStatusBadge statut={mandat.statut} />
            </td>
            <td>{mandat.demarches}</td>
            <td>{longDate(mandat.expiresOn)}</td>
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}
