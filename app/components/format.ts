import { evolutionPercent } from "../../src/pilotage/report-table";
import { frenchDate, frenchDateTime, PARIS_TIME_ZONE, parisClock } from "../../src/platform/time";

/**
 * The one place where the pages write dates and numbers in French. Days ('YYYY-MM-DD') are
 * calendar days, written as they are; instants (ISO strings) are written in Paris time.
 */

const longDayFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });
const longParisDayFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: PARIS_TIME_ZONE });
const monthLong = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });
const monthShort = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "short" });
const monthShortYear = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "short", year: "2-digit" });
const numberFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** French typography: « 1er mars », not « 1 mars ». */
const withFirst = (text: string) => text.replace(/^1 /, "1er ");

/** « 14 mars 2026 » from '2026-03-14' (or an ISO string starting with the day); « — » when there is none. */
export function longDate(day: string | null | undefined): string {
  if (!day) return "—";
  return withFirst(longDayFormat.format(new Date(`${day.slice(0, 10)}T00:00:00Z`)));
}

/** « 14 mars 2026 », the Paris day of an instant. */
export function longParisDate(instant: string): string {
  return withFirst(longParisDayFormat.format(new Date(instant)));
}

/**
 * « 14 mars 2026 à 09:30 » (Paris time) from an ISO instant; « — » when there is none.
 * Built from parts rather than `timeStyle`: the joining word differs between ICU versions (Node on the
 * server, the browser on hydration), and a different text is a hydration error.
 */
export function longDateTime(instant: string | null | undefined): string {
  if (!instant) return "—";
  return `${longParisDate(instant)} à ${clockTime(instant)}`;
}

/** "14/03/2026" from '2026-03-14'. */
export const shortDate = frenchDate;

/** "14/03/2026 09:30:05" (Paris time) from an ISO instant. */
export function shortDateTime(instant: string): string {
  return frenchDateTime(new Date(instant));
}

/** "09:30", the Paris time of an ISO instant. */
export function clockTime(instant: string): string {
  return parisClock(new Date(instant));
}

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

/** "1 234,5" (French grouping with a narrow no-break space); "masqué" for a suppressed figure (ADR 021). */
export function formatNumber(value: number | null): string {
  return value === null ? "masqué" : numberFormat.format(value);
}

/** "12,5 %" (French typography: a narrow no-break space before the sign). */
export function formatPercent(value: number | null): string {
  return value === null ? "Non calculable" : `${formatNumber(value)}\u202f%`;
}

export function formatMinutes(value: number | null): string {
  return value === null ? "Non mesurée" : `${formatNumber(value)}\u00a0min`;
}

/** "+12,5 %", "−3 %", "stable", or why there is no figure: the sign carries the meaning, not a colour. */
export function formatEvolution(value: number | null, reference: number | null): string {
  if (value === null || reference === null) return "non publiée (petits effectifs)";
  const percent = evolutionPercent(value, reference);
  if (percent === null) return value === 0 ? "stable (aucune activité)" : "sans comparaison possible (0 auparavant)";
  if (percent === 0) return "stable";
  return `${percent > 0 ? "+" : "−"}${formatNumber(Math.abs(percent))}\u202f%`;
}

/** "45 s", "4 min 05 s", "1 h 02 min": a duration in seconds, for agents and for the screen. */
export function formatSeconds(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min`;
  return `${minutes} min ${String(total % 60).padStart(2, "0")} s`;
}

/** A wait so far, rounded to the minute: "moins d’une minute", "12 min", "1 h 05 min". */
export function formatWaitSoFar(seconds: number): string {
  if (seconds < 60) return "moins d’une minute";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
