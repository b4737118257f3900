import { formatWaitSoFar } from "../format";
import { DsfrTable } from "../tables/DsfrTable";
import { IntentButton } from "./IntentButton";

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
              <IntentButton
                intent="parti"
                fields={{ id: entry.id }}
                className="fr-btn fr-btn--tertiary fr-btn--sm"
                inline
              >
                Parti sans être reçu<span className="fr-sr-only"> (ticket {entry.ticket})</span>
              </IntentButton>
            </td>
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}
