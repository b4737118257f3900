import { describe, expect, it } from "vitest";
import {
  clockTime,
  formatEvolution,
  formatNumber,
  formatSeconds,
  longDate,
  longDateTime,
  longParisDate,
  shortDate,
  shortDateTime,
} from "./format";

describe("French formatting of dates and numbers", () => {
  it("writes calendar days as they are, with « 1er »", () => {
    expect(longDate("2026-03-01")).toBe("1er mars 2026");
    expect(longDate("2026-03-14T23:30:00Z")).toBe("14 mars 2026");
    expect(longDate(null)).toBe("—");
    expect(shortDate("2026-03-14")).toBe("14/03/2026");
  });

  it("writes instants in Paris time", () => {
    // 23:30 UTC on 31 March is 1 April in Paris (summer time).
    expect(longParisDate("2026-03-31T23:30:00Z")).toBe("1er avril 2026");
    expect(longDateTime("2026-03-14T08:30:00Z")).toBe("14 mars 2026 à 09:30");
    expect(shortDateTime("2026-01-15T08:05:09Z")).toBe("15/01/2026 09:05:09");
    expect(clockTime("2026-01-15T08:05:09Z")).toBe("09:05");
    expect(longDateTime(undefined)).toBe("—");
  });

  it("writes numbers, changes and durations", () => {
    expect(formatNumber(1234.56)).toBe("1\u202f234,6");
    expect(formatEvolution(110, 100)).toBe("+10\u202f%");
    expect(formatEvolution(0, 0)).toBe("stable (aucune activité)");
    expect(formatSeconds(245)).toBe("4 min 05 s");
  });
});
