import { describe, expect, it } from "vitest";
import { breakdownFamily, listFamily, yearCalendar } from "./families";
import { type Relation, type SuppressionCell, suppress } from "./suppression";

/** A table of rows adding up to a shown total, one measure. */
function table(rows: number[], total = rows.reduce((a, b) => a + b, 0)) {
  const cells: SuppressionCell[] = [
    { values: [total], group: "total", locked: "shown" },
    ...rows.map((value) => ({ values: [value], group: "rows" })),
  ];
  const relations: Relation[] = [{ parent: 0, children: rows.map((_, index) => index + 1), kinds: ["sum"] }];
  return { cells, relations };
}

describe("cell suppression", () => {
  it("hides every count from 1 to threshold - 1 and leaves zeros and large counts alone", () => {
    const { cells, relations } = table([0, 3, 40, 12, 9]);
    const { hidden } = suppress(cells, relations, 5);
    expect(hidden.slice(1)).toEqual([false, true, false, false, true]);
  });

  it("hides a second cell when one hidden cell equals the total minus the others", () => {
    const { cells, relations } = table([40, 12, 2]);
    const { hidden } = suppress(cells, relations, 5);
    // 2 alone is 54 - 40 - 12; with 12 hidden too, each lies anywhere from 1 to 13.
    expect(hidden.slice(1)).toEqual([false, true, true]);
  });

  it("hides more while the hidden cells add up to too little to protect each", () => {
    // 1 and 2 hidden add up to 3: each would be known to lie between 1 and 2.
    const { cells, relations } = table([40, 1, 2, 7]);
    const { hidden } = suppress(cells, relations, 5);
    expect(hidden.slice(1)).toEqual([false, true, true, true]);
  });

  it("withholds a table whose rows, even all hidden, would still be known to be small", () => {
    // 6 passages in six rows of one: hidden rows known to be at least 1 add up to exactly 6.
    const { cells, relations } = table([1, 1, 1, 1, 1, 1]);
    const { withheld, unprotected } = suppress(cells, relations, 5);
    expect([...withheld]).toEqual(["rows"]);
    expect(unprotected).toEqual([]);
  });

  it("keeps a quarter from giving away a month's hidden cell", () => {
    // Genre "autre": 2 in January, 9 in February, 8 in March, in a structure with large totals.
    const series = (data: Record<string, number>) => (month: string) =>
      data[month] === undefined ? undefined : [data[month], data[month]];
    const autre = { "2026-01": 2, "2026-02": 9, "2026-03": 8 };
    const femme = { "2026-01": 58, "2026-02": 41, "2026-03": 62 };
    const total = { "2026-01": 60, "2026-02": 50, "2026-03": 70 };
    const family = breakdownFamily({
      year: "2026",
      dimensions: new Map([
        [
          "genre",
          {
            kinds: ["sum", "sum"] as ["sum", "sum"],
            values: new Map([
              ["autre", series(autre)],
              ["femme", series(femme)],
            ]),
          },
        ],
      ]),
      total: { monthly: series(total), status: () => "shown" as const },
      threshold: 5,
    });
    expect(family.hidden("genre", "autre", "2026-01")).toBe(true);
    // The quarter minus February and March would give January: one of them is hidden too.
    const shown = ["2026-Q1", "2026-02", "2026-03"].every((code) => !family.hidden("genre", "autre", code));
    expect(shown).toBe(false);
  });

  it("hides a structure's small total in its département's list with a complement, the same in every report", () => {
    const perMonth: Record<string, Record<string, number[]>> = {
      "2026-01": { a: [3, 3], b: [40, 50], c: [30, 31] },
    };
    const hidden = listFamily({
      year: "2026",
      units: ["a", "b", "c"],
      monthly: (unit) => (month) => perMonth[month]?.[unit],
      parent: { key: "57", monthly: (month) => (perMonth[month] ? [73, 84] : undefined), locked: () => "shown" },
      threshold: 5,
    });
    for (const code of ["2026-01", "2026-Q1", "2026"]) {
      expect(hidden("a", code)).toBe(true);
      // A complement among the other structures, whatever the period: 73 - 40 - 30 would give 3.
      expect(hidden("b", code) || hidden("c", code)).toBe(true);
      expect(hidden("57", code)).toBe(false);
    }
    expect(yearCalendar("2026")).toHaveLength(17);
  });
});
