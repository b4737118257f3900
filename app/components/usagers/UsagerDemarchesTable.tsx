import { DEMARCHE_STATUTS } from "../../../src/donnees-personnelles/demarches.labels";
import { partenaireLabel } from "../../../src/referentiel/partenaires";
import { labelOf } from "../../../src/structures/structures.labels";
import type { UsagerDemarcheSummary } from "../../../src/usagers/get-usager.server";
import { longDate } from "../format";
import { DsfrTable } from "../tables/DsfrTable";

/** The usager's démarches: partner, status and next step, each linking to its page. */
export function UsagerDemarchesTable({ demarches }: { demarches: UsagerDemarcheSummary[] }) {
  if (demarches.length === 0) return <p>Aucune démarche en cours.</p>;
  return (
    <DsfrTable id="table-demarches" caption="Démarches de l’usager">
      <thead>
        <tr>
          <th scope="col">Démarche</th>
          <th scope="col">Partenaire</th>
          <th scope="col">Statut</th>
          <th scope="col">Prochaine étape</th>
        </tr>
      </thead>
      <tbody>
        {demarches.map((demarche) => (
          <tr key={demarche.id}>
            <td>
              <a href={`/demarches/${demarche.id}`}>{demarche.titre}</a>
            </td>
            <td>{demarche.partnerKey ? partenaireLabel(demarche.partnerKey) : "—"}</td>
            <td>{labelOf(DEMARCHE_STATUTS, demarche.statut)}</td>
            <td>{demarche.prochaineEtapeLe ? longDate(demarche.prochaineEtapeLe) : "—"}</td>
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}
