import { Form } from "react-router";
import { CANAUX } from "../../../src/accueil/accueil.labels";
import type { LinkedPassage } from "../../../src/demarches/get-demarche.server";
import { labelOf } from "../../../src/structures/structures.labels";
import { longDateTime } from "../format";
import { FormErrors } from "../forms/fields";
import { DsfrTable } from "../tables/DsfrTable";

/** The accueil visits linked to a démarche, each removable, and the recent ones that can be linked. */
export function PassagesSection({
  passages,
  linkable,
  errors,
}: {
  passages: LinkedPassage[];
  linkable: LinkedPassage[];
  errors: string[] | undefined;
}) {
  return (
    <>
      <FormErrors errors={errors} />
      {passages.length === 0 ? (
        <p>Aucun passage lié.</p>
      ) : (
        <DsfrTable id="table-passages" caption="Passages à l’accueil liés à cette démarche">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Canal</th>
              <th scope="col">Demandes</th>
              <th scope="col">Retirer</th>
            </tr>
          </thead>
          <tbody>
            {passages.map((passage) => (
              <tr key={passage.id}>
                <td>
                  <a href={`/accueil/passages/${passage.id}`}>{longDateTime(passage.startedAt)}</a>
                </td>
                <td>{labelOf(CANAUX, passage.canal)}</td>
                <td>{passage.demandes}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="delier-passage" />
                    <input type="hidden" name="passageId" value={passage.id} />
                    <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                      Retirer<span className="fr-sr-only"> le passage du {longDateTime(passage.startedAt)}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </DsfrTable>
      )}
      {linkable.length > 0 && (
        <Form method="post" className="fr-mt-2w">
          <input type="hidden" name="intent" value="lier-passage" />
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="passage-a-lier">
              Lier un passage des 60 derniers jours
            </label>
            <select className="fr-select" id="passage-a-lier" name="passageId">
              {linkable.map((passage) => (
                <option key={passage.id} value={passage.id}>
                  {longDateTime(passage.startedAt)} — {labelOf(CANAUX, passage.canal)} — {passage.demandes} demande
                  {passage.demandes > 1 ? "s" : ""}
                </option>
              ))}
            </select>
          </div>
          <button className="fr-btn fr-btn--secondary" type="submit">
            Lier le passage
          </button>
        </Form>
      )}
    </>
  );
}
