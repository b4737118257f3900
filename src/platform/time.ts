/**
 * Calendar time of the structures: a "day" is a Paris calendar day (Europe/Paris), whatever the
 * server's own time zone. One place for these helpers.
 */
export const PARIS_TIME_ZONE = "Europe/Paris";

const dayParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: PARIS_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const clockFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS_TIME_ZONE, hour: "2-digit", minute: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS_TIME_ZONE,
  dateStyle: "short",
  timeStyle: "medium",
});
const longDayFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "UTC",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

// Days change on whole minutes (daylight saving time included): one formatting per minute is enough.
let lastDay = { minute: Number.NaN, day: "" };

/** The Paris local date of an instant, as 'YYYY-MM-DD'. */
export function parisDay(at: Date = new Date()): string {
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== lastDay.minute) {
    const parts = Object.fromEntries(dayParts.formatToParts(at).map((part) => [part.type, part.value]));
    lastDay = { minute, day: `${parts.year}-${parts.month}-${parts.day}` };
  }
  return lastDay.day;
}

/** "09:05": the Paris wall-clock time of an instant. */
export function parisClock(at: Date): string {
  return clockFormat.format(at);
}

/** "22/11/2026 14:05:09" in Paris time. */
export function frenchDateTime(at: Date): string {
  return dateTimeFormat.format(at);
}

/** A real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The day `days` days after (or before, when negative) an ISO day. */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** "29/08/2025" from "2025-08-29". */
export function frenchDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split("-");
  return `${day}/${month}/${year}`;
}

/** "jeudi 5 mars 2026". */
export function longFrenchDay(day: string): string {
  return longDayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** Offset of Europe/Paris from UTC at an instant, in milliseconds. */
function parisOffsetMs(instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: PARIS_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => {
    const part = parts.find((candidate) => candidate.type === type);
    if (!part) throw new Error(`Intl.DateTimeFormat gave no ${type} for ${PARIS_TIME_ZONE}.`);
    return Number(part.value);
  };
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a Paris wall-clock time (minutes after midnight) on a day 'YYYY-MM-DD'. */
export function parisInstant(day: string, minutesAfterMidnight = 0): Date {
  const [year, month, date] = day.split("-").map(Number);
  const naive = Date.UTC(year, month - 1, date) + minutesAfterMidnight * 60_000;
  const first = naive - parisOffsetMs(naive);
  return new Date(naive - parisOffsetMs(first));
}
