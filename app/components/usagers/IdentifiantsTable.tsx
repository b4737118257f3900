import { Form } from "react-router";
import type { MaskedIdentifiant } from "../../../src/usagers/get-usager.server";
import { DsfrTable } from "../tables/DsfrTable";

/** The usager's partner identifiers, masked, each with its journaled reveal and its deletion. */
export function IdentifiantsTable({ identifiants }: { identifiants: MaskedIdentifiant[] }) {
  return (
    <DsfrTable id="table-identifiants" caption="Identifiants enregistrés (masqués)">
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Numéro</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {identifiants.map((identifiant) => (
          <tr key={identifiant.id}>
            <td>{identifiant.label}</td>
            <td>
              <span aria-hidden="true">{identifiant.masked}</span>
              <span className="fr-sr-only">{`Numéro masqué, finissant par ${identifiant.masked.slice(-2)}`}</span>
            </td>
            <td>
              <ul className="fr-btns-group fr-btns-group--inline-sm">
                <li>
                  <Form method="post">
                    <input type="hidden" name="intent" value="reveler" />
                    <input type="hidden" name="identifiantId" value={identifiant.id} />
                    <button className="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                      Afficher<span className="fr-sr-only"> le {identifiant.label}</span>
                    </button>
                  </Form>
                </li>
                <li>
                  <Form method="post">
                    <input type="hidden" name="intent" value="supprimer-identifiant" />
                    <input type="hidden" name="identifiantId" value={identifiant.id} />
                    <button className="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                      Supprimer<span className="fr-sr-only"> le {identifiant.label}</span>
                    </button>
                  </Form>
                </li>
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}
