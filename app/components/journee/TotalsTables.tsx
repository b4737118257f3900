import { CANAUX } from "../../../src/accueil/accueil.labels";
import type { DayTotal, DayView } from "../../../src/accueil/day-view.server";
import { DsfrTable } from "../tables/DsfrTable";

type Row = DayTotal & { key: string; label: string };

/** One totals table: a row per agent or channel, then the day's total. */
function TotalsTable({
  id,
  caption,
  heading,
  rows,
  total,
}: {
  id: string;
  caption: string;
  heading: string;
  rows: Row[];
  total: DayTotal;
}) {
  return (
    <DsfrTable id={id} caption={caption} noScroll>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">Passages</th>
          <th scope="col">Sollicitations</th>
        </tr>
      </thead>
      <tbody>
        {[...rows, { key: "total", label: "Total", ...total }].map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td>{row.passages}</td>
            <td>{row.sollicitations}</td>
          </tr>
        ))}
      </tbody>
    </DsfrTable>
  );
}

/** Per-agent and per-channel totals of the day. */
export function TotalsTables({ parAgent, parCanal, totaux }: Pick<DayView, "parAgent" | "parCanal" | "totaux">) {
  const total = { passages: totaux.passages, sollicitations: totaux.sollicitations };
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <TotalsTable
          id="table-totaux-agent"
          caption="Totaux par agent"
          heading="Agent"
          rows={parAgent.map((row) => ({ ...row, key: row.agentId, label: row.nom }))}
          total={total}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <TotalsTable
          id="table-totaux-canal"
          caption="Totaux par canal"
          heading="Canal"
          rows={parCanal.map((row) => ({ ...row, key: row.canal, label: CANAUX[row.canal] ?? row.canal }))}
          total={total}
        />
      </div>
    </div>
  );
}
