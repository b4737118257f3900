import { isIsoDay, longFrenchDay, shiftDay } from "../platform/time";

/** A reporting period: Paris calendar days, both ends included. */
export type Period = {
  kind: "jour" | "semaine" | "mois" | "trimestre" | "annee" | "personnalise";
  code: string;
  from: string;
  to: string;
  label: string;
};

const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];
const pad = (n: number) => String(n).padStart(2, "0");

/** "juillet 2026" from "2026-07-01" (or any day of the month). */
export function monthLabel(day: string): string {
  return `${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A custom period covers at most three years. */
export const MAX_CUSTOM_DAYS = 366 * 3;
/** Periods outside these years are typing mistakes (and dates PostgreSQL would choke on). */
const FIRST_DAY = "2000-01-01";
const LAST_DAY = "2100-12-31";

/** The Monday of the week of a day (ISO weeks start on Monday). */
export function mondayOf(day: string): string {
  return shiftDay(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/** ISO week 1 is the week of 4 January (the one holding the year's first Thursday). */
function isoWeekMonday(year: number, week: number): string {
  return shiftDay(mondayOf(`${String(year).padStart(4, "0")}-01-04`), (week - 1) * 7);
}

/** "2026-W38": the ISO week of a day, named after the year of its Thursday. */
export function isoWeekCode(day: string): string {
  const thursday = shiftDay(mondayOf(day), 3);
  const year = thursday.slice(0, 4);
  const week =
    Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${pad(week)}`;
}

function quarterPeriod(year: number, quarter: number): Period {
  const lastMonth = quarter * 3;
  return {
    kind: "trimestre",
    code: `${year}-Q${quarter}`,
    from: `${year}-${pad(lastMonth - 2)}-01`,
    to: `${year}-${pad(lastMonth)}-${lastDayOfMonth(year, lastMonth)}`,
    label: `${quarter === 1 ? "1er" : `${quarter}e`} trimestre ${year}`,
  };
}

/** The quarter that holds a day. */
export function quarterOf(day: string): Period {
  return quarterPeriod(Number(day.slice(0, 4)), Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1);
}

/** "2026-Q3": the quarter of a day. */
export function quarterCode(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Reads "2026", "2026-Q3", "2026-09", "2026-W38", "2026-09-15" or "2026-01-10..2026-02-20"; null when invalid. */
export function parsePeriod(code: string): Period | null {
  const value = code.trim();
  const annee = /^(\d{4})$/.exec(value);
  if (annee) {
    const year = Number(annee[1]);
    return { kind: "annee", code: value, from: `${year}-01-01`, to: `${year}-12-31`, label: `année ${year}` };
  }
  const trimestre = /^(\d{4})-Q([1-4])$/i.exec(value);
  if (trimestre) return quarterPeriod(Number(trimestre[1]), Number(trimestre[2]));
  const mois = /^(\d{4})-(\d{2})$/.exec(value);
  if (mois) {
    const year = Number(mois[1]);
    const month = Number(mois[2]);
    if (month < 1 || month > 12) return null;
    return {
      kind: "mois",
      code: value,
      from: `${value}-01`,
      to: `${value}-${lastDayOfMonth(year, month)}`,
      label: monthLabel(value),
    };
  }
  const semaine = /^(\d{4})-W(\d{2})$/i.exec(value);
  if (semaine) {
    const week = Number(semaine[2]);
    if (week < 1 || week > 53) return null;
    const from = isoWeekMonday(Number(semaine[1]), week);
    return {
      kind: "semaine",
      code: `${semaine[1]}-W${semaine[2]}`,
      from,
      to: shiftDay(from, 6),
      label: `semaine ${week} de ${semaine[1]} (du ${longFrenchDay(from)})`,
    };
  }
  if (isIsoDay(value)) return { kind: "jour", code: value, from: value, to: value, label: longFrenchDay(value) };
  const personnalise = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (personnalise) {
    const [, from, to] = personnalise;
    if (!isIsoDay(from) || !isIsoDay(to) || to < from || dayCount(from, to) > MAX_CUSTOM_DAYS) return null;
    return { kind: "personnalise", code: value, from, to, label: `du ${longFrenchDay(from)} au ${longFrenchDay(to)}` };
  }
  return null;
}

/** parsePeriod, and null outside the years 2000 to 2100 that every report covers. */
export function parseReportPeriod(code: string): Period | null {
  const period = parsePeriod(code);
  return period && period.from >= FIRST_DAY && period.to <= LAST_DAY ? period : null;
}

/** The code of the period of a kind that holds `day`, or of the custom period from `du` to `au`. */
export function periodCodeFor(kind: Period["kind"], day: string, du?: string, au?: string): string {
  switch (kind) {
    case "jour":
      return day;
    case "semaine":
      return isoWeekCode(day);
    case "mois":
      return day.slice(0, 7);
    case "trimestre":
      return quarterCode(day);
    case "annee":
      return day.slice(0, 4);
    case "personnalise":
      return `${du}..${au}`;
  }
}

/**
 * The same kind of period just before (-1) or after (+1), with a code a person can read; null
 * beyond the years reports cover. (previousPeriod, for comparisons, gives a week as its days.)
 */
export function shiftPeriod(period: Period, step: -1 | 1): Period | null {
  const year = Number(period.from.slice(0, 4));
  const month = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case "annee":
      return parseReportPeriod(String(year + step).padStart(4, "0"));
    case "trimestre": {
      const index = year * 4 + Math.floor((month - 1) / 3) + step;
      return parseReportPeriod(`${String(Math.floor(index / 4)).padStart(4, "0")}-Q${(index % 4) + 1}`);
    }
    case "mois": {
      const index = year * 12 + (month - 1) + step;
      return parseReportPeriod(`${String(Math.floor(index / 12)).padStart(4, "0")}-${pad((index % 12) + 1)}`);
    }
    case "semaine":
      return parseReportPeriod(isoWeekCode(shiftDay(period.from, step * 7)));
    case "jour":
      return parseReportPeriod(shiftDay(period.from, step));
    case "personnalise": {
      const length = dayCount(period.from, period.to);
      return parseReportPeriod(`${shiftDay(period.from, step * length)}..${shiftDay(period.to, step * length)}`);
    }
  }
}

export function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The period of a code computed by the program, hence valid: throws on an invalid one (a bug). */
export function knownPeriod(code: string): Period {
  const period = parsePeriod(code);
  if (!period) throw new Error(`Invalid period code: ${code}`);
  return period;
}

/** The period just before: the previous month, quarter, year, week, day, or as many days before. */
export function previousPeriod(period: Period): Period {
  const year = Number(period.from.slice(0, 4));
  switch (period.kind) {
    case "annee":
      return knownPeriod(String(year - 1));
    case "trimestre": {
      const quarter = Math.floor(Number(period.from.slice(5, 7)) / 3) + 1;
      return knownPeriod(quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`);
    }
    case "mois":
      return knownPeriod(shiftDay(period.from, -1).slice(0, 7));
    case "semaine": {
      const from = shiftDay(period.from, -7);
      return {
        ...period,
        code: `${from}..${shiftDay(from, 6)}`,
        from,
        to: shiftDay(from, 6),
        label: `semaine du ${longFrenchDay(from)}`,
      };
    }
    case "jour":
      return knownPeriod(shiftDay(period.from, -1));
    default: {
      const length = dayCount(period.from, period.to);
      return knownPeriod(`${shiftDay(period.from, -length)}..${shiftDay(period.from, -1)}`);
    }
  }
}

/** The first day of each calendar month the period touches, in order. */
export function monthsTouching(period: { from: string; to: string }): string[] {
  const months: string[] = [];
  for (let cursor = period.from.slice(0, 7); cursor <= period.to.slice(0, 7); ) {
    months.push(`${cursor}-01`);
    const [year, month] = cursor.split("-").map(Number);
    cursor = month === 12 ? `${year + 1}-01` : `${year}-${pad(month + 1)}`;
  }
  return months;
}

/** The first day of each calendar month fully inside the period, and the days left outside them. */
export function splitByMonths(period: { from: string; to: string }): {
  months: string[];
  days: Array<[string, string]>;
} {
  const months = monthsTouching(period).filter((start) => {
    const [year, month] = start.split("-").map(Number);
    return start >= period.from && `${start.slice(0, 7)}-${lastDayOfMonth(year, month)}` <= period.to;
  });
  if (months.length === 0) return { months, days: [[period.from, period.to]] };
  const days: Array<[string, string]> = [];
  if (period.from < months[0]) days.push([period.from, shiftDay(months[0], -1)]);
  const lastFull = months[months.length - 1];
  const [ly, lm] = lastFull.split("-").map(Number);
  const lastFullEnd = `${lastFull.slice(0, 7)}-${lastDayOfMonth(ly, lm)}`;
  if (lastFullEnd < period.to) days.push([shiftDay(lastFullEnd, 1), period.to]);
  return { months, days };
}
