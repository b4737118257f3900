import { formatNumber } from "../format";
import { ChartSvg, type ChartTable, ChartWithTable } from "./ChartWithTable";
import { CHART_COLORS, truncate } from "./chart-theme";

export type Bar = {
  key: string;
  label: string /** null: a masked cell (too small to be shown). */;
  value: number | null;
};

const WIDTH = 640;
const LABEL_WIDTH = 240;
const VALUE_SPACE = 90;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;
const PADDING_Y = 6;
const LABEL_CHARACTERS = 32;

/** The text read out for the chart: its title, then the values (the table gives them all). */
export function barChartSummary(title: string, measure: string, bars: Bar[], maskedText: string): string {
  if (bars.length === 0) return `${title} : aucune donnée sur la période.`;
  const listed = bars
    .slice(0, 8)
    .map((bar) => `${bar.label} : ${bar.value === null ? maskedText : formatNumber(bar.value)}`);
  const more =
    bars.length > 8
      ? ` ; et ${bars.length - 8} autre${bars.length - 8 > 1 ? "s" : ""} valeur${bars.length - 8 > 1 ? "s" : ""}`
      : "";
  return `${title}, graphique en barres horizontales (${measure}) : ${listed.join(" ; ")}${more}. Toutes les données figurent dans le tableau associé.`;
}

/**
 * A horizontal bar chart drawn in SVG on the server (no JavaScript), always with its data table.
 * Masked values get no bar but a visible « < 5 » mark; nothing relies on colour alone.
 */
export function HorizontalBarChart({
  id,
  title,
  measure,
  bars,
  maskedText = "< 5",
  maxBars = 15,
  table,
}: {
  id: string;
  title: string;
  /** What the bars count, in words (« sollicitations »). */
  measure: string;
  bars: Bar[];
  maskedText?: string;
  maxBars?: number;
  table: ChartTable;
}) {
  const shown = bars.slice(0, maxBars);
  const max = Math.max(1, ...shown.map((bar) => bar.value ?? 0));
  const barArea = WIDTH - LABEL_WIDTH - VALUE_SPACE;
  const height = Math.max(1, shown.length) * ROW_HEIGHT + PADDING_Y * 2;
  const chart = (
    <ChartSvg
      kind="barres"
      title={title}
      summary={barChartSummary(title, measure, bars, maskedText)}
      width={WIDTH}
      height={height}
    >
      {shown.length === 0 && (
        <text
          x={LABEL_WIDTH}
          y={PADDING_Y + ROW_HEIGHT / 2}
          dominantBaseline="middle"
          style={{ fill: CHART_COLORS.muted }}
        >
          Aucune donnée sur la période
        </text>
      )}
      {shown.map((bar, index) => {
        const y = PADDING_Y + index * ROW_HEIGHT;
        const middle = y + ROW_HEIGHT / 2;
        const width = bar.value === null || bar.value === 0 ? 0 : Math.max(2, (bar.value / max) * barArea);
        return (
          <g key={bar.key}>
            <text
              x={LABEL_WIDTH - 8}
              y={middle}
              textAnchor="end"
              dominantBaseline="middle"
              style={{ fill: CHART_COLORS.text }}
            >
              {truncate(bar.label, LABEL_CHARACTERS)}
            </text>
            {width > 0 && (
              <rect
                x={LABEL_WIDTH}
                y={middle - BAR_HEIGHT / 2}
                width={width}
                height={BAR_HEIGHT}
                style={{ fill: CHART_COLORS.primary }}
              />
            )}
            <text
              x={LABEL_WIDTH + width + 6}
              y={middle}
              dominantBaseline="middle"
              fontStyle={bar.value === null ? "italic" : undefined}
              style={{ fill: bar.value === null ? CHART_COLORS.muted : CHART_COLORS.text }}
            >
              {bar.value === null ? maskedText : formatNumber(bar.value)}
            </text>
          </g>
        );
      })}
      <line
        x1={LABEL_WIDTH}
        x2={LABEL_WIDTH}
        y1={PADDING_Y / 2}
        y2={height - PADDING_Y / 2}
        strokeWidth={1}
        style={{ stroke: CHART_COLORS.axis }}
      />
    </ChartSvg>
  );
  const chartNote =
    bars.length > shown.length
      ? `Le graphique montre les ${shown.length} premières valeurs sur ${bars.length} ; le tableau les donne toutes.`
      : undefined;
  return <ChartWithTable id={id} chart={chart} chartNote={chartNote} table={table} />;
}
