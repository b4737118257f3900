import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/** Structures keep the clock of mainland France: a "day" of the accueil is a Paris calendar day. */
export const PARIS_TIME_ZONE = "Europe/Paris";

const dayParts = new Intl.DateTimeFormat("en-CA", { timeZone: PARIS_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const clockFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS_TIME_ZONE, hour: "2-digit", minute: "2-digit" });
const longDayFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** The Paris local date of an instant, as 'YYYY-MM-DD'. */
export function parisDay(at: Date = new Date()): string {
  const parts = Object.fromEntries(dayParts.formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** "09:05": the Paris wall-clock time of an instant. */
export function parisClock(at: Date): string {
  return clockFormat.format(at);
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

/** "jeudi 5 mars 2026". */
export function longFrenchDay(day: string): string {
  return longDayFormat.format(new Date(`${day}T00:00:00Z`));
}

/**
 * A condition keeping the instants of one Paris day, written as a range on the column so that an
 * index on it serves (the database converts the day's midnights, summer time included).
 */
export function withinParisDay(column: AnyPgColumn, day: string): SQL {
  return sql`${column} >= (${day}::date::timestamp at time zone ${PARIS_TIME_ZONE}) and ${column} < ((${day}::date + 1)::timestamp at time zone ${PARIS_TIME_ZONE})`;
}
