import type { ReactNode } from "react";
import { CHART_FONT_SIZE } from "./chart-theme";

/** The data behind a chart, shown as a table beside it (every chart has one: the chart never stands alone). */
export type ChartTable = {
  caption: string;
  /** Header cells, the first one heading the row labels. */
  columns: string[];
  rows: Array<{ key: string; header: ReactNode; cells: ReactNode[] }>;
  /** A total row, when it makes sense. */
  total?: { header: ReactNode; cells: ReactNode[] };
  /** Shown under the table: what a masked cell means, a download link… */
  after?: ReactNode;
};

/**
 * The SVG of a chart: an image for assistive technologies, named by a summary of its data, with
 * a title (shown on hover); it scales to its column. Drawn on the server: no JavaScript needed.
 */
export function ChartSvg({
  kind,
  title,
  summary,
  width,
  height,
  children,
}: {
  kind: string;
  title: string;
  summary: string;
  width: number;
  height: number;
  children: ReactNode;
}) {
  return (
    <svg
      role="img"
      aria-label={summary}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
      fontSize={CHART_FONT_SIZE}
      data-chart={kind}
    >
      <title>{title}</title>
      {children}
    </svg>
  );
}

/** A chart and its data table, side by side on wide screens, the table below on small ones. */
export function ChartWithTable({
  id,
  chart,
  chartNote,
  table,
}: {
  id: string;
  chart: ReactNode;
  chartNote?: ReactNode;
  table: ChartTable;
}) {
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w" id={id}>
      <div className="fr-col-12 fr-col-lg-7">
        <figure className="fr-m-0">{chart}</figure>
        {chartNote && <p className="fr-text--xs fr-mt-1w fr-mb-0">{chartNote}</p>}
      </div>
      <div className="fr-col-12 fr-col-lg-5">
        <DataTable id={`${id}-tableau`} table={table} />
      </div>
    </div>
  );
}

/**
 * DSFR table markup. Beside a chart (`chart`): no horizontal scrolling (cells wrap; three columns
 * fit a phone) and the caption is for assistive technologies only, the heading above the chart
 * showing the same title. Wide tables (`wide`): the caption shows, and the scrolling container a
 * small screen needs is focusable and named, so that it can be scrolled from the keyboard.
 */
export function DataTable({
  id,
  table,
  variant = "chart",
}: {
  id: string;
  table: ChartTable;
  variant?: "chart" | "wide";
}) {
  const wide = variant === "wide";
  return (
    <>
      <div className={wide ? "fr-table" : "fr-table fr-table--no-scroll fr-table--no-caption fr-mb-2w"} id={id}>
        <div className="fr-table__wrapper">
          <div
            className="fr-table__container"
            {...(wide ? { tabIndex: 0, role: "region", "aria-labelledby": `${id}-legende` } : {})}
          >
            <div className="fr-table__content">
              <table>
                <caption id={`${id}-legende`}>{table.caption}</caption>
                <thead>
                  <tr>
                    {table.columns.map((column) => (
                      <th scope="col" key={column}>
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row) => (
                    <tr key={row.key}>
                      <th scope="row">{row.header}</th>
                      {row.cells.map((cell, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a cell is its column, in a fixed order
                        <td key={index}>{cell}</td>
                      ))}
                    </tr>
                  ))}
                  {table.total && (
                    <tr>
                      <th scope="row">{table.total.header}</th>
                      {table.total.cells.map((cell, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a cell is its column, in a fixed order
                        <td key={index}>{cell}</td>
                      ))}
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
      {table.after}
    </>
  );
}
