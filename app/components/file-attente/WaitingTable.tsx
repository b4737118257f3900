import { Form } from "react-router";
import { DsfrTable } from "../tables/DsfrTable";
import { formatWaitSoFar } from "./format";

export type WaitingRow = { id: string; ticket: number; prenom: string | null; arrivee: string; waitingSeconds: number };

/** The people waiting, oldest first, each with a "left without being received" button. */
export function WaitingTable({ entries }: { entries: WaitingRow[] }) {
  const caption = entries.length === 1 ? "1 personne en attente" : `${entries.length} personnes en attente`;
  return (
    <DsfrTable id="table-file-attente" caption={`${caption}, de la plus ancienne arrivée à la plus récente`}>
      <thead>
        <tr>
          <th scope="col">Ticket</th>
          <th scope="col">Prénom</th>
          <th scope="col">Arrivée</th>
          <th scope="col">Attente</th>
          <th scope="col">Départ</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <th scope="row">{entry.ticket}</th>
            <td>{entry.prenom ?? "—"}</td>
            <td>{entry.arrivee}</td>
            <td>{formatWaitSoFar(entry.waitingSeconds)}</td>
            <td>
              <Form method="post" className="guichet-inline-form">
                <input type="hidden" name="intent" value="parti" />
                <input type="hidden" name="id" value={entry.id} />
                <button className="fr-btn fr-btn--tertiary fr-btn--sm" type="submit">
                  Parti sans être reçu<span className="fr-sr-only"> (ticket {entry.ticket})</span>
                </button>
              </Form>
            </td>
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}
