import { Form } from "react-router";
import { longDateTime } from "../format";
import { DsfrTable } from "../tables/DsfrTable";

export type ApiTokenRow = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

/**
 * "Mon compte": the user's live API tokens (name and dates, never the secret), each with its own
 * revocation form. Tokens are made by an administrator with `guichet token create`.
 */
export function ApiTokens({ tokens }: { tokens: ApiTokenRow[] }) {
  return (
    <>
      <h2>Jetons d’API</h2>
      {tokens.length === 0 ? (
        <p>Vous n’avez aucun jeton d’API en vigueur.</p>
      ) : (
        <>
          <p>
            Un jeton permet à un logiciel d’utiliser l’API de Guichet en votre nom. Révoquez un jeton que vous
            n’utilisez plus ou que vous pensez compromis : il est refusé dès sa révocation.
          </p>
          <DsfrTable id="table-jetons" caption="Vos jetons d’API en vigueur">
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Créé le</th>
                <th scope="col">Dernière utilisation</th>
                <th scope="col">Expiration</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{longDateTime(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? longDateTime(token.lastUsedAt) : "Jamais utilisé"}</td>
                  <td>Aucune : valable jusqu’à sa révocation</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke_api_token" />
                      <input type="hidden" name="tokenId" value={token.id} />
                      <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary">
                        Révoquer<span className="fr-sr-only"> le jeton « {token.name} »</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </DsfrTable>
        </>
      )}
    </>
  );
}
