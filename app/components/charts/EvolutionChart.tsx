import { formatNumber } from "../format";
import { ChartSvg, type ChartTable, ChartWithTable } from "./ChartWithTable";
import { CHART_COLORS, countAxis } from "./chart-theme";

export type EvolutionPoint = {
  key: string /** Read out and in the table: « juillet 2026 ». */;
  label: string /** Under the axis: « juil. ». */;
  shortLabel: string;
  values: [number, number];
};

const WIDTH = 640;
const HEIGHT = 280;
const LEFT = 52;
const RIGHT = 12;
const TOP = 40;
const BOTTOM = 36;
/** Above this many points, columns get too thin: the chart draws lines instead. */
const MAX_COLUMN_POINTS = 26;

export function evolutionSummary(
  title: string,
  series: [string, string],
  points: EvolutionPoint[],
  lines: boolean,
): string {
  const kind = lines ? "graphique en courbes" : "graphique en colonnes";
  if (points.length === 0) return `${title}, ${kind} : aucune donnée.`;
  const part = (index: 0 | 1) => {
    const total = points.reduce((sum, point) => sum + point.values[index], 0);
    const peak = points.reduce((best, point) => (point.values[index] > best.values[index] ? point : best), points[0]);
    return `${series[index].toLowerCase()} : ${formatNumber(total)} au total${total > 0 ? `, au plus ${formatNumber(peak.values[index])} (${peak.label})` : ""}`;
  };
  const detail =
    points.length <= 12
      ? ` Valeurs : ${points.map((point) => `${point.label} : ${formatNumber(point.values[0])} et ${formatNumber(point.values[1])}`).join(" ; ")}.`
      : "";
  return `${title}, ${kind} sur ${points.length} périodes : ${part(0)} ; ${part(1)}.${detail} Toutes les données figurent dans le tableau associé.`;
}

/**
 * Two series over time (passages and sollicitations), drawn in SVG on the server, always with its
 * data table. The first series is solid, the second hatched (columns) or dashed with square
 * markers (lines): the legend does not rely on colour alone.
 */
export function EvolutionChart({
  id,
  title,
  series,
  points,
  table,
}: {
  id: string;
  title: string;
  series: [string, string];
  points: EvolutionPoint[];
  table: ChartTable;
}) {
  const lines = points.length > MAX_COLUMN_POINTS;
  const axis = countAxis(Math.max(0, ...points.map((point) => Math.max(...point.values))));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const step = plotWidth / Math.max(1, points.length);
  const y = (value: number) => TOP + plotHeight - (value / axis.max) * plotHeight;
  const x = (index: number) => LEFT + (index + 0.5) * step;
  const labelEvery = Math.max(1, Math.ceil(points.length / 12));
  const hatch = `${id}-hachures`;
  const columnWidth = Math.min(24, step * 0.38);

  const chart = (
    <ChartSvg
      kind={lines ? "courbes" : "colonnes"}
      title={title}
      summary={evolutionSummary(title, series, points, lines)}
      width={WIDTH}
      height={HEIGHT}
    >
      <defs>
        <pattern id={hatch} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
          <rect width={6} height={6} style={{ fill: CHART_COLORS.secondaryFill }} />
          <line x1={0} y1={0} x2={0} y2={6} strokeWidth={3} style={{ stroke: CHART_COLORS.primary }} />
        </pattern>
      </defs>
      {/* Legend */}
      <g>
        {lines ? (
          <>
            <line x1={LEFT} x2={LEFT + 24} y1={14} y2={14} strokeWidth={3} style={{ stroke: CHART_COLORS.primary }} />
            <circle cx={LEFT + 12} cy={14} r={4} style={{ fill: CHART_COLORS.primary }} />
          </>
        ) : (
          <rect x={LEFT} y={6} width={16} height={16} style={{ fill: CHART_COLORS.primary }} />
        )}
        <text x={LEFT + 30} y={14} dominantBaseline="middle" style={{ fill: CHART_COLORS.text }}>
          {series[0]}
        </text>
        {lines ? (
          <>
            <line
              x1={LEFT + 180}
              x2={LEFT + 204}
              y1={14}
              y2={14}
              strokeWidth={2}
              strokeDasharray="6 4"
              style={{ stroke: CHART_COLORS.text }}
            />
            <rect x={LEFT + 188} y={10} width={8} height={8} style={{ fill: CHART_COLORS.text }} />
          </>
        ) : (
          <rect
            x={LEFT + 180}
            y={6}
            width={16}
            height={16}
            strokeWidth={1}
            style={{ fill: `url(#${hatch})`, stroke: CHART_COLORS.primary }}
          />
        )}
        <text x={LEFT + 210} y={14} dominantBaseline="middle" style={{ fill: CHART_COLORS.text }}>
          {series[1]}
        </text>
      </g>
      {/* Value axis and grid */}
      {axis.ticks.map((tick) => (
        <g key={tick}>
          <line
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={y(tick)}
            y2={y(tick)}
            strokeWidth={1}
            style={{ stroke: tick === 0 ? CHART_COLORS.axis : CHART_COLORS.grid }}
          />
          <text
            x={LEFT - 6}
            y={y(tick)}
            textAnchor="end"
            dominantBaseline="middle"
            style={{ fill: CHART_COLORS.muted }}
          >
            {formatNumber(tick)}
          </text>
        </g>
      ))}
      {/* Time axis labels */}
      {points.map((point, index) =>
        index % labelEvery === 0 ? (
          <text
            key={point.key}
            x={x(index)}
            y={HEIGHT - BOTTOM + 18}
            textAnchor="middle"
            style={{ fill: CHART_COLORS.muted }}
          >
            {point.shortLabel}
          </text>
        ) : null,
      )}
      {lines ? (
        <>
          <polyline
            fill="none"
            strokeWidth={3}
            strokeLinejoin="round"
            points={points.map((point, index) => `${x(index)},${y(point.values[0])}`).join(" ")}
            style={{ stroke: CHART_COLORS.primary }}
          />
          <polyline
            fill="none"
            strokeWidth={2}
            strokeDasharray="6 4"
            strokeLinejoin="round"
            points={points.map((point, index) => `${x(index)},${y(point.values[1])}`).join(" ")}
            style={{ stroke: CHART_COLORS.text }}
          />
          {points.length <= 60 &&
            points.map((point, index) => (
              <g key={point.key}>
                <circle cx={x(index)} cy={y(point.values[0])} r={3.5} style={{ fill: CHART_COLORS.primary }} />
                <rect
                  x={x(index) - 3}
                  y={y(point.values[1]) - 3}
                  width={6}
                  height={6}
                  style={{ fill: CHART_COLORS.text }}
                />
              </g>
            ))}
        </>
      ) : (
        points.map((point, index) => (
          <g key={point.key}>
            <rect
              x={x(index) - columnWidth - 1}
              y={y(point.values[0])}
              width={columnWidth}
              height={Math.max(0, TOP + plotHeight - y(point.values[0]))}
              style={{ fill: CHART_COLORS.primary }}
            />
            <rect
              x={x(index) + 1}
              y={y(point.values[1])}
              width={columnWidth}
              height={Math.max(0, TOP + plotHeight - y(point.values[1]))}
              strokeWidth={1}
              style={{ fill: `url(#${hatch})`, stroke: CHART_COLORS.primary }}
            />
          </g>
        ))
      )}
    </ChartSvg>
  );
  return <ChartWithTable id={id} chart={chart} table={table} />;
}
