import { partenaireLabel } from "../../../src/referentiel/partenaires";
import type { DemarcheSaisine } from "../../../src/saisines/demarche-saisines.server";
import { STATUS_LABELS } from "../../../src/saisines/status";
import { longDate } from "../format";
import { DsfrTable } from "../tables/DsfrTable";

/**
 * The saisines written from a démarche, with their state. While one is open the agent follows it
 * there: a second saisine is not offered.
 */
export function DemarcheSaisinesSection({
  demarcheId,
  closed,
  saisines,
}: {
  demarcheId: string;
  closed: boolean;
  saisines: DemarcheSaisine[];
}) {
  const open = saisines.find((saisine) => saisine.status !== "close");
  return (
    <>
      {saisines.length === 0 ? (
        <p>Aucune saisine pour cette démarche.</p>
      ) : (
        <DsfrTable id="table-saisines" caption="Saisines écrites depuis cette démarche">
          <thead>
            <tr>
              <th scope="col">Objet</th>
              <th scope="col">Partenaire</th>
              <th scope="col">Envoyée le</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {saisines.map((saisine) => (
              <tr key={saisine.id}>
                <td>
                  <a href={`/saisines/${saisine.id}`}>{saisine.objet}</a>
                </td>
                <td>{partenaireLabel(saisine.partnerKey)}</td>
                <td>{longDate(saisine.createdAt)}</td>
                <td>{STATUS_LABELS[saisine.status]}</td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
      {open ? (
        <p className="fr-mt-2w">Une saisine est en cours : suivez-la depuis sa page.</p>
      ) : (
        !closed && (
          <p className="fr-mt-2w">
            <a className="fr-btn fr-btn--secondary" href={`/saisines/nouvelle?demarche=${demarcheId}`}>
              Saisir le référent du partenaire
            </a>
          </p>
        )
      )}
    </>
  );
}
