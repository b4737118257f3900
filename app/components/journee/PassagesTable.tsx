import { CANAUX } from "../../../src/accueil/accueil.labels";
import type { DayViewPassage } from "../../../src/accueil/day-view.server";
import { formatSeconds } from "../format";
import { DsfrTable } from "../tables/DsfrTable";

/** The passages of the day, one row each, with their demands (partners — situations). */
export function PassagesTable({
  caption,
  passages,
  showAgent,
}: {
  caption: string;
  passages: DayViewPassage[];
  showAgent: boolean;
}) {
  return (
    <DsfrTable id="table-passages-jour" caption={caption}>
      <thead>
        <tr>
          <th scope="col">Heure</th>
          <th scope="col">Canal</th>
          <th scope="col">Demandes</th>
          <th scope="col">Durée</th>
          <th scope="col">Attente</th>
          {showAgent && <th scope="col">Agent</th>}
        </tr>
      </thead>
      <tbody>
        {passages.map((passage) => (
          <tr key={passage.id}>
            <th scope="row">
              <a href={`/accueil/passages/${passage.id}`}>
                {passage.heure}
                <span className="fr-sr-only"> : voir le passage</span>
              </a>
            </th>
            <td>
              {CANAUX[passage.canal] ?? passage.canal}
              {passage.avecRdv && <span className="fr-hint-text">Sur rendez-vous</span>}
            </td>
            <td>
              <ul className="fr-raw-list">
                {passage.sollicitations.map((demand, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a passage's demands, in their recorded order, are never reordered here
                  <li key={index}>
                    <strong>{demand.partenaires.join(", ") || "—"}</strong>
                    {demand.situations.length > 0 && <> — {demand.situations.join(", ")}</>}
                  </li>
                ))}
              </ul>
            </td>
            <td>{passage.dureeMinutes === null ? "—" : `${passage.dureeMinutes} min`}</td>
            <td>{passage.attenteSecondes === null ? "—" : formatSeconds(passage.attenteSecondes)}</td>
            {showAgent && <td>{passage.agentNom}</td>}
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}
