import { describe, expect, it } from "vitest";
import { frenchDate, isIsoDay, parisDay, parisInstant, shiftDay } from "./time";

describe("Paris calendar time", () => {
  it("gives the Paris day of an instant, across midnight and daylight saving", () => {
    expect(parisDay(new Date("2026-03-01T22:59:00Z"))).toBe("2026-03-01");
    expect(parisDay(new Date("2026-03-01T23:00:00Z"))).toBe("2026-03-02");
    expect(parisDay(new Date("2026-07-01T21:59:00Z"))).toBe("2026-07-01");
    expect(parisDay(new Date("2026-07-01T22:00:00Z"))).toBe("2026-07-02");
  });
  it("finds the instant of a Paris wall-clock time in winter and in summer", () => {
    expect(parisInstant("2026-01-15", 8 * 60 + 30).toISOString()).toBe("2026-01-15T07:30:00.000Z");
    expect(parisInstant("2026-07-15", 8 * 60 + 30).toISOString()).toBe("2026-07-15T06:30:00.000Z");
  });
  it("validates and shifts days", () => {
    expect(isIsoDay("2026-02-30")).toBe(false);
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(shiftDay("2026-03-01", -1)).toBe("2026-02-28");
    expect(frenchDate("2026-11-22")).toBe("22/11/2026");
  });
});
