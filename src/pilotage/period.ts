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
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function isoWeekMonday(year: number, week: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (week - 1) * 7);
  return monday.toISOString().slice(0, 10);
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
  if (trimestre) {
    const year = Number(trimestre[1]);
    const quarter = Number(trimestre[2]);
    const lastMonth = quarter * 3;
    return {
      kind: "trimestre",
      code: `${year}-Q${quarter}`,
      from: `${year}-${pad(lastMonth - 2)}-01`,
      to: `${year}-${pad(lastMonth)}-${lastDayOfMonth(year, lastMonth)}`,
      label: `${quarter === 1 ? "1er" : `${quarter}e`} trimestre ${year}`,
    };
  }
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
      label: `${MONTHS[month - 1]} ${year}`,
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
    if (!isIsoDay(from) || !isIsoDay(to) || to < from || dayCount(from, to) > 366 * 3) return null;
    return { kind: "personnalise", code: value, from, to, label: `du ${longFrenchDay(from)} au ${longFrenchDay(to)}` };
  }
  return null;
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
