import { frenchDate } from "../../../src/platform/time";
import { formatNumber } from "../charts/chart-theme";

export { formatNumber };

const monthLong = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });
const monthShort = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "short" });
const monthShortYear = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "short", year: "2-digit" });

/** "Juillet 2026" (a table row heading). */
export function monthLabel(firstDay: string): string {
  const label = monthLong.format(new Date(`${firstDay}T00:00:00Z`));
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** "juil." (or "juil. 26" when the chart spans several years). */
export function monthShortLabel(firstDay: string, withYear: boolean): string {
  return (withYear ? monthShortYear : monthShort).format(new Date(`${firstDay}T00:00:00Z`));
}

/** "Semaine du 14/09/2026". */
export function weekLabel(monday: string): string {
  return `Semaine du ${frenchDate(monday)}`;
}

/** "14/09". */
export function weekShortLabel(monday: string): string {
  return frenchDate(monday).slice(0, 5);
}

/** "12,5 %" (French typography: a narrow no-break space before the sign). */
export function formatPercent(value: number | null): string {
  return value === null ? "Non calculable" : `${formatNumber(value)}\u202f%`;
}

export function formatMinutes(value: number | null): string {
  return value === null ? "Non mesurée" : `${formatNumber(value)}\u00a0min`;
}

/** The change from `reference` to `value`, in percent (one decimal), or null when the reference is 0. */
export function evolutionPercent(value: number, reference: number): number | null {
  if (reference === 0) return null;
  return Math.round(((value - reference) / reference) * 1000) / 10;
}

/** "+12,5 %", "−3 %", "stable", or why there is no figure: the sign carries the meaning, not a colour. */
export function formatEvolution(value: number, reference: number): string {
  const percent = evolutionPercent(value, reference);
  if (percent === null) return value === 0 ? "stable (aucune activité)" : "sans comparaison possible (0 auparavant)";
  if (percent === 0) return "stable";
  return `${percent > 0 ? "+" : "−"}${formatNumber(Math.abs(percent))}\u202f%`;
}

export { frenchDate };
