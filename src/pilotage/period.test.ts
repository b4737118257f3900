import { describe, expect, it } from "vitest";
import {
  isoWeekCode,
  monthsTouching,
  parsePeriod,
  previousPeriod,
  quarterCode,
  quarterOf,
  shiftPeriod,
  splitByMonths,
} from "./period";

describe("reporting periods", () => {
  it("reads every period form", () => {
    expect(parsePeriod("2026-Q3")).toMatchObject({
      kind: "trimestre",
      from: "2026-07-01",
      to: "2026-09-30",
      label: "3e trimestre 2026",
    });
    expect(parsePeriod("2026")).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
    expect(parsePeriod("2028-02")).toMatchObject({ from: "2028-02-01", to: "2028-02-29" });
    expect(parsePeriod("2026-W01")).toMatchObject({ from: "2025-12-29", to: "2026-01-04" });
    expect(parsePeriod("2026-09-15")).toMatchObject({ kind: "jour", from: "2026-09-15", to: "2026-09-15" });
    expect(parsePeriod("2026-01-10..2026-02-20")).toMatchObject({
      kind: "personnalise",
      from: "2026-01-10",
      to: "2026-02-20",
    });
    for (const bad of ["2026-13", "2026-Q5", "2026-02-30", "2026-03-01..2026-02-01", "demain", ""])
      expect(parsePeriod(bad)).toBeNull();
  });
  it("finds the previous period", () => {
    expect(previousPeriod(parsePeriod("2026-Q1")!)).toMatchObject({ from: "2025-10-01", to: "2025-12-31" });
    expect(previousPeriod(parsePeriod("2026-03")!)).toMatchObject({ from: "2026-02-01", to: "2026-02-28" });
    expect(previousPeriod(parsePeriod("2026-01-10..2026-01-19")!)).toMatchObject({
      from: "2025-12-31",
      to: "2026-01-09",
    });
  });
  it("splits a period into full months and loose days", () => {
    expect(splitByMonths({ from: "2026-07-01", to: "2026-09-30" })).toEqual({
      months: ["2026-07-01", "2026-08-01", "2026-09-01"],
      days: [],
    });
    expect(splitByMonths({ from: "2026-01-10", to: "2026-03-05" })).toEqual({
      months: ["2026-02-01"],
      days: [
        ["2026-01-10", "2026-01-31"],
        ["2026-03-01", "2026-03-05"],
      ],
    });
    expect(splitByMonths({ from: "2026-01-10", to: "2026-01-20" })).toEqual({
      months: [],
      days: [["2026-01-10", "2026-01-20"]],
    });
  });
  it("lists the months a period touches, across a year end", () => {
    expect(monthsTouching({ from: "2025-11-20", to: "2026-02-03" })).toEqual([
      "2025-11-01",
      "2025-12-01",
      "2026-01-01",
      "2026-02-01",
    ]);
    expect(monthsTouching({ from: "2026-05-31", to: "2026-05-31" })).toEqual(["2026-05-01"]);
  });
});

const shift = (code: string, step: -1 | 1) => shiftPeriod(parsePeriod(code)!, step)?.code;

describe("periods of the dashboards", () => {
  it("names the ISO week and the quarter of a day", () => {
    expect(isoWeekCode("2026-09-15")).toBe("2026-W38");
    expect(isoWeekCode("2026-01-01")).toBe("2026-W01");
    expect(isoWeekCode("2027-01-03")).toBe("2026-W53");
    expect(isoWeekCode("2024-12-30")).toBe("2025-W01");
    expect(quarterCode("2026-09-30")).toBe("2026-Q3");
    expect(quarterCode("2026-10-01")).toBe("2026-Q4");
    expect(quarterOf("2026-11-20")).toEqual(parsePeriod("2026-Q4"));
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
});
