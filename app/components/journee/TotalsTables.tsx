import type { DayView } from "../../../src/accueil/day-view.server";
import { CANAUX } from "../../../src/accueil/accueil.labels";
import { DsfrTable } from "../tables/DsfrTable";

/** Per-agent and per-channel totals of the day. */
export function TotalsTables({ parAgent, parCanal, totaux }: Pick<DayView, "parAgent" | "parCanal" | "totaux">) {
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <DsfrTable id="table-totaux-agent" caption="Totaux par agent" noScroll>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Passages</th>
              <th scope="col">Sollicitations</th>
            </tr>
          </thead>
          <tbody>
            {parAgent.map((row) => (
              <tr key={row.agentId}>
                <th scope="row">{row.nom}</th>
                <td>{row.passages}</td>
                <td>{row.sollicitations}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Total</th>
              <td>{totaux.passages}</td>
              <td>{totaux.sollicitations}</td>
            </tr>
          </tbody>
        </DsfrTable>
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <DsfrTable id="table-totaux-canal" caption="Totaux par canal" noScroll>
          <thead>
            <tr>
              <th scope="col">Canal</th>
              <th scope="col">Passages</th>
              <th scope="col">Sollicitations</th>
            </tr>
          </thead>
          <tbody>
            {parCanal.map((row) => (
              <tr key={row.canal}>
                <th scope="row">{CANAUX[row.canal] ?? row.canal}</th>
                <td>{row.passages}</td>
                <td>{row.sollicitations}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Total</th>
              <td>{totaux.passages}</td>
              <td>{totaux.sollicitations}</td>
            </tr>
          </tbody>
        </DsfrTable>
      </div>
    </div>
  );
}
