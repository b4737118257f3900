import { describe, expect, it } from "vitest";
import { exportHref, isoWeekCode, periodFormSchema, quarterCode, shiftPeriod } from "./dashboard.server";
import { parsePeriod } from "./period";

const shift = (code: string, step: -1 | 1) => shiftPeriod(parsePeriod(code)!, step)?.code;

describe("dashboard periods", () => {
  it("names the ISO week and the quarter of a day", () => {
    expect(isoWeekCode("2026-09-15")).toBe("2026-W38");
    expect(isoWeekCode("2026-01-01")).toBe("2026-W01");
    expect(isoWeekCode("2027-01-03")).toBe("2026-W53");
    expect(isoWeekCode("2024-12-30")).toBe("2025-W01");
    expect(quarterCode("2026-09-30")).toBe("2026-Q3");
    expect(quarterCode("2026-10-01")).toBe("2026-Q4");
  });

  it("moves to the previous and next period of the same kind, with readable codes", () => {
    expect(shift("2026-Q1", -1)).toBe("2025-Q4");
    expect(shift("2026-Q4", 1)).toBe("2027-Q1");
    expect(shift("2026-Q3", 1)).toBe("2026-Q4");
    expect(shift("2026-01", -1)).toBe("2025-12");
    expect(shift("2026-12", 1)).toBe("2027-01");
    expect(shift("2026", -1)).toBe("2025");
    expect(shift("2026-W01", -1)).toBe("2025-W52");
    expect(shift("2026-W53", 1)).toBe("2027-W01");
    expect(shift("2026-03-01", -1)).toBe("2026-02-28");
    expect(shift("2026-01-10..2026-01-19", 1)).toBe("2026-01-20..2026-01-29");
    expect(shift("2026-01-10..2026-01-19", -1)).toBe("2025-12-31..2026-01-09");
    // Reports cover the years 2000 to 2100: no link beyond.
    expect(shift("2000-Q1", -1)).toBeUndefined();
    expect(shift("2100-12", 1)).toBeUndefined();
  });

  it("checks the period form: one French message per field", () => {
    const errors = (values: Record<string, string>) => {
      const result = periodFormSchema.safeParse(values);
      return result.success
        ? {}
        : Object.fromEntries(result.error.issues.map((issue) => [issue.path[0], issue.message]));
    };
    expect(errors({ type: "trimestre", date: "2026-08-12" })).toEqual({});
    expect(errors({ type: "decennie", date: "2026-08-12" })).toEqual({ type: "Choisissez le type de période." });
    expect(errors({ type: "mois", date: "2026-02-30" })).toEqual({
      date: "Indiquez un jour compris dans la période, au format JJ/MM/AAAA.",
    });
    expect(errors({ type: "personnalise", du: "2026-09-01", au: "2026-08-01" })).toEqual({
      au: "La date de fin doit être le même jour que la date de début ou après.",
    });
    expect(errors({ type: "personnalise", du: "2020-01-01", au: "2026-01-01" })).toEqual({
      au: "Une période personnalisée couvre au plus trois ans.",
    });
    expect(errors({ type: "personnalise", du: "", au: "demain" })).toEqual({
      du: "Indiquez la date de début au format JJ/MM/AAAA.",
      au: "Indiquez la date de fin au format JJ/MM/AAAA.",
    });
  });

  it("builds the export addresses the export route reads", () => {
    expect(exportHref("structure", "abc", "2026-Q3", "pdf")).toBe(
      "/pilotage/export?niveau=structure&id=abc&periode=2026-Q3&format=pdf",
    );
    expect(exportHref("national", null, "2026", "csv", "canal")).toBe(
      "/pilotage/export?niveau=national&periode=2026&format=csv&dimension=canal",
    );
  });
});
