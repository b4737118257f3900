import Holidays from "date-holidays";
import { parisDay, parisInstant, shiftDay } from "../platform/time";

/**
 * Working time of a structure's calendar, for the saisines' deadlines and statistics.
 * Choice (documented here, ADR-free): a working day is Monday to Friday, not a public holiday of
 * the structure's département (from `date-holidays`: national days, plus Good Friday and
 * 26 December in Alsace-Moselle 57/67/68, plus the abolition of slavery and Good Friday where they
 * apply in the DOM 971–976); its working hours are 9:00–17:00 Paris wall-clock time (8 hours),
 * whatever the overseas time zone (the back offices answer on the metropolitan clock).
 * "N working days" is N × 8 working hours from the instant the saisine is created.
 */
export const WORKDAY_START_MINUTES = 9 * 60;
export const WORKDAY_END_MINUTES = 17 * 60;
export const WORKDAY_HOURS = (WORKDAY_END_MINUTES - WORKDAY_START_MINUTES) / 60;
const HOUR = 3_600_000;

/** The `date-holidays` region of a département. */
export function holidayRegion(departement: string): string | undefined {
  if (departement === "57" || departement === "67" || departement === "68") return departement;
  return { "971": "GP", "972": "MQ", "973": "GF", "974": "RE", "976": "YT" }[departement];
}

const calendars = new Map<string, Holidays>();
function calendar(departement: string): Holidays {
  const region = holidayRegion(departement) ?? "";
  let holidays = calendars.get(region);
  if (!holidays) {
    holidays = region ? new Holidays("FR", region, { types: ["public"] }) : new Holidays("FR", { types: ["public"] });
    calendars.set(region, holidays);
  }
  return holidays;
}

const holidayDays = new Map<string, Set<string>>();
/** The public holidays of a year in a département, as 'YYYY-MM-DD'. */
export function publicHolidays(departement: string, year: number): Set<string> {
  const key = `${holidayRegion(departement) ?? ""}:${year}`;
  let days = holidayDays.get(key);
  if (!days) {
    days = new Set(
      calendar(departement)
        .getHolidays(year)
        .filter((h) => h.type === "public")
        .map((h) => h.date.slice(0, 10)),
    );
    holidayDays.set(key, days);
  }
  return days;
}

export function isWorkingDay(day: string, departement: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(departement, Number(day.slice(0, 4))).has(day);
}

/** The working window [start, end) of a day, or null on a day off. */
function window(day: string, departement: string): [number, number] | null {
  if (!isWorkingDay(day, departement)) return null;
  return [parisInstant(day, WORKDAY_START_MINUTES).getTime(), parisInstant(day, WORKDAY_END_MINUTES).getTime()];
}

/** The instant `hours` working hours after `from` (a start outside working hours waits for the next one). */
export function addWorkingHours(from: Date, hours: number, departement: string): Date {
  let remaining = hours * HOUR;
  let day = parisDay(from);
  let cursor = from.getTime();
  for (let guard = 0; guard < 3660; guard += 1) {
    const span = window(day, departement);
    if (span) {
      const start = Math.max(cursor, span[0]);
      if (start < span[1]) {
        if (start + remaining <= span[1]) return new Date(start + remaining);
        remaining -= span[1] - start;
      }
    }
    day = shiftDay(day, 1);
    cursor = parisInstant(day, 0).getTime();
  }
  throw new Error("addWorkingHours: no working day within ten years");
}

export function addWorkingDays(from: Date, days: number, departement: string): Date {
  return addWorkingHours(from, days * WORKDAY_HOURS, departement);
}

/** Working hours between two instants (0 when `to` is not after `from`). */
export function workingHoursBetween(from: Date, to: Date, departement: string): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  let day = parisDay(from);
  const last = parisDay(to);
  while (day <= last) {
    const span = window(day, departement);
    if (span) {
      const start = Math.max(from.getTime(), span[0]);
      const end = Math.min(to.getTime(), span[1]);
      if (end > start) total += end - start;
    }
    day = shiftDay(day, 1);
  }
  return total / HOUR;
}
