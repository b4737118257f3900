import { DEMARCHE_STATUTS } from "../../../src/donnees-personnelles/demarches.labels";
import type { Authorisation } from "../../../src/mandats/get-mandat.server";
import { labelOf } from "../../../src/structures/structures.labels";
import { longDate } from "../format";
import { DsfrTable } from "../tables/DsfrTable";

/** The démarches a mandate covers, one authorisation each, and whether it is still in force. */
export function AuthorisationsTable({ authorisations }: { authorisations: Authorisation[] }) {
  return (
    <DsfrTable id="table-autorisations" caption="Une autorisation par démarche">
      <thead>
        <tr>
          <th scope="col">Démarche</th>
          <th scope="col">État de la démarche</th>
          <th scope="col">Autorisation</th>
        </tr>
      </thead>
      <tbody>
        {authorisations.map((authorisation) => (
          <tr key={authorisation.id}>
            <td>
              {authorisation.demarcheId ? (
                <a href={`/demarches/${authorisation.demarcheId}`}>{authorisation.libelle}</a>
              ) : (
                authorisation.libelle
              )}
            </td>
            <td>{authorisation.demarcheStatut ? labelOf(DEMARCHE_STATUTS, authorisation.demarcheStatut) : "—"}</td>
            <td>{authorisation.revokedAt ? `Retirée le ${longDate(authorisation.revokedAt)}` : "En vigueur"}</td>
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}
