/**
 * Colours and number formats of the charts: the DSFR palette through its CSS variables (so the
 * dark theme follows), with the light-theme value as fallback.
 */
export const CHART_COLORS = {
  primary: "var(--background-action-high-blue-france, #000091)",
  secondaryFill: "var(--background-contrast-blue-france, #eeeef8)",
  text: "var(--text-default-grey, #3a3a3a)",
  muted: "var(--text-mention-grey, #666666)",
  grid: "var(--border-default-grey, #dddddd)",
  axis: "var(--border-plain-grey, #3a3a3a)",
} as const;

export const CHART_FONT_SIZE = 14;

/** Shortens a label that would not fit in the chart; the full label is in the data table. */
export function truncate(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/** An axis for counts: whole, round steps (1, 2 or 5 times a power of ten) and about four of them. */
export function countAxis(maximum: number): { max: number; ticks: number[] } {
  const raw = Math.max(maximum, 1) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw) ?? 10 * power,
  );
  const max = Math.max(step, Math.ceil(Math.max(maximum, 1) / step) * step);
  const ticks: number[] = [];
  for (let tick = 0; tick <= max; tick += step) ticks.push(tick);
  return { max, ticks };
}
