import { describe, expect, it } from "vitest";
import { monthsTouching, parsePeriod, previousPeriod, splitByMonths } from "./period";

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
