import { knownPeriod } from "../period";
import { type Relation, type SuppressionCell, suppress } from "./suppression";

/**
 * The families of linked tables a protected reader can request, suppressed together (ADR 021):
 * a calendar year (its 12 months, 4 quarters and the year, each the sum of the previous ones),
 * and within it either a list of units and their parent (the départements and the nation, the
 * structures and their département) or a unit's breakdowns and its total. Whichever report of the
 * family is asked for, the same decisions come out, so no two reports can be subtracted.
 */
export type CalendarPeriod = { code: string; from: string; to: string; parts: string[] };

/** The 17 periods of a year: months, then quarters (sums of months), then the year (sum of quarters). */
export function yearCalendar(year: string): CalendarPeriod[] {
  const months = Array.from({ length: 12 }, (_, index) => {
    const code = `${year}-${String(index + 1).padStart(2, "0")}`;
    const period = knownPeriod(code);
    return { code, from: period.from, to: period.to, parts: [] as string[] };
  });
  const quarters = [1, 2, 3, 4].map((quarter) => {
    const period = knownPeriod(`${year}-Q${quarter}`);
    return {
      code: period.code,
      from: period.from,
      to: period.to,
      parts: months.slice((quarter - 1) * 3, quarter * 3).map((m) => m.code),
    };
  });
  return [
    ...months,
    ...quarters,
    { code: year, from: `${year}-01-01`, to: `${year}-12-31`, parts: quarters.map((q) => q.code) },
  ];
}

/** Counts per month (code "2026-03"), as [passages, sollicitations]. */
export type Monthly = (month: string) => number[] | undefined;
export type Status = "shown" | "hidden";

const ZERO = [0, 0];
const add = (a: number[], b: number[]) => a.map((value, index) => value + (b[index] ?? 0));

/** Builds the cells of one series (a unit, a breakdown row) over the year, with its time relations. */
function series(
  cells: SuppressionCell[],
  relations: Relation[],
  calendar: CalendarPeriod[],
  monthly: Monthly,
  group: (code: string) => string,
  locked?: (code: string) => Status | undefined,
): Map<string, number> {
  const index = new Map<string, number>();
  for (const period of calendar) {
    const values =
      period.parts.length === 0
        ? (monthly(period.code) ?? ZERO)
        : period.parts.map((part) => cells[index.get(part) as number].values).reduce(add, ZERO);
    index.set(period.code, cells.length);
    cells.push({ values, group: group(period.code), locked: locked?.(period.code) });
    if (period.parts.length > 0)
      relations.push({
        parent: index.get(period.code) as number,
        children: period.parts.map((part) => index.get(part) as number),
        kinds: ["sum", "sum"],
      });
  }
  return index;
}

/**
 * A list of units and their parent over a year (départements and the nation; the structures of a
 * département and the département): which totals are hidden, per unit and period code.
 */
export function listFamily(input: {
  year: string;
  units: string[];
  monthly: (unit: string) => Monthly;
  parent: { key: string; monthly: Monthly; locked?: (code: string) => Status };
  threshold: number;
}): (unit: string, code: string) => boolean {
  const calendar = yearCalendar(input.year);
  const cells: SuppressionCell[] = [];
  const relations: Relation[] = [];
  const parent = series(
    cells,
    relations,
    calendar,
    input.parent.monthly,
    (code) => `parent|${code}`,
    input.parent.locked,
  );
  const units = new Map(
    input.units.map((unit) => [
      unit,
      series(cells, relations, calendar, input.monthly(unit), (code) => `list|${code}`),
    ]),
  );
  for (const period of calendar) {
    relations.push({
      parent: parent.get(period.code) as number,
      children: [...units.values()].map((unit) => unit.get(period.code) as number),
      kinds: ["sum", "sum"],
    });
  }
  const { hidden } = suppress(cells, relations, input.threshold);
  return (unit, code) => {
    const position = (unit === input.parent.key ? parent : units.get(unit))?.get(code);
    return position === undefined ? false : hidden[position];
  };
}

/** How a breakdown's rows relate to the total, per measure: they add up to it, or each stays below it. */
export type RowsToTotal = ["sum" | "bound", "sum" | "bound"];

/**
 * The breakdowns of one unit over a year, with its total per period (shown or hidden as its list
 * family decided): which rows are hidden, which tables are withheld whole.
 */
export function breakdownFamily(input: {
  year: string;
  /** Per dimension: how rows relate to the total, and each value's monthly counts. */
  dimensions: Map<string, { kinds: RowsToTotal; values: Map<string, Monthly> }>;
  total: { monthly: Monthly; status: (code: string) => Status };
  threshold: number;
}): {
  hidden: (dimension: string, valeur: string, code: string) => boolean;
  withheld: (dimension: string, code: string) => boolean;
} {
  const calendar = yearCalendar(input.year);
  const cells: SuppressionCell[] = [];
  const relations: Relation[] = [];
  const total = series(cells, relations, calendar, input.total.monthly, (code) => `total|${code}`, input.total.status);
  const rows = new Map<string, Map<string, number>>();
  for (const [dimension, { kinds, values }] of input.dimensions) {
    const members: Array<Map<string, number>> = [];
    for (const [valeur, monthly] of values) {
      const index = series(cells, relations, calendar, monthly, (code) => `${dimension}|${code}`);
      rows.set(`${dimension}|${valeur}`, index);
      members.push(index);
    }
    for (const period of calendar) {
      relations.push({
        parent: total.get(period.code) as number,
        children: members.map((member) => member.get(period.code) as number),
        kinds,
      });
    }
  }
  const { hidden, withheld } = suppress(cells, relations, input.threshold);
  return {
    hidden: (dimension, valeur, code) => {
      // A row the family never saw (read after it) is hidden rather than trusted.
      const position = rows.get(`${dimension}|${valeur}`)?.get(code);
      return position === undefined ? true : hidden[position];
    },
    withheld: (dimension, code) => withheld.has(`${dimension}|${code}`),
  };
}
