import { afterEach, describe, expect, it, vi } from "vitest";
import { parisInstant } from "../platform/time";
import { addWorkingDays, addWorkingHours, isWorkingDay, workingHoursBetween } from "./working-days";

afterEach(() => vi.useRealTimers());

describe("working days of a structure's calendar", () => {
  it("skips a weekend: Friday 10:00 + 3 working days is Wednesday 10:00", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(parisInstant("2026-11-20", 10 * 60)); // a Friday
    expect(addWorkingDays(new Date(), 3, "75")).toEqual(parisInstant("2026-11-25", 10 * 60));
    expect(workingHoursBetween(new Date(), parisInstant("2026-11-23", 10 * 60), "75")).toBe(8);
  });

  it("skips a national holiday: Tuesday 10 November + 1 working day is Thursday 12 (Armistice)", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(parisInstant("2026-11-10", 14 * 60));
    expect(isWorkingDay("2026-11-11", "75")).toBe(false);
    expect(addWorkingDays(new Date(), 1, "75")).toEqual(parisInstant("2026-11-12", 14 * 60));
  });

  it("26 December is a working day in Paris and a holiday in Moselle", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // 2025: 24 Dec is a Wednesday, 25 Thursday, 26 Friday.
    vi.setSystemTime(parisInstant("2025-12-24", 15 * 60));
    expect(isWorkingDay("2025-12-26", "75")).toBe(true);
    expect(isWorkingDay("2025-12-26", "57")).toBe(false);
    expect(addWorkingDays(new Date(), 1, "75")).toEqual(parisInstant("2025-12-26", 15 * 60));
    expect(addWorkingDays(new Date(), 1, "57")).toEqual(parisInstant("2025-12-29", 15 * 60));
    expect(workingHoursBetween(new Date(), parisInstant("2025-12-29", 9 * 60), "75")).toBe(2 + 8);
    expect(workingHoursBetween(new Date(), parisInstant("2025-12-29", 9 * 60), "57")).toBe(2);
  });

  it("knows Good Friday in Alsace-Moselle and the abolition of slavery in the DOM", () => {
    expect(isWorkingDay("2026-04-03", "67")).toBe(false);
    expect(isWorkingDay("2026-04-03", "92")).toBe(true);
    expect(isWorkingDay("2026-05-27", "971")).toBe(false);
    expect(isWorkingDay("2026-05-22", "972")).toBe(false);
    expect(isWorkingDay("2027-12-20", "974")).toBe(false); // a Monday
    expect(isWorkingDay("2027-12-20", "75")).toBe(true);
    expect(isWorkingDay("2026-04-27", "976")).toBe(false);
    expect(isWorkingDay("2026-04-27", "75")).toBe(true);
  });

  it("a start outside working hours waits for the next opening", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(parisInstant("2026-11-21", 11 * 60)); // a Saturday
    expect(addWorkingHours(new Date(), 2, "75")).toEqual(parisInstant("2026-11-23", 11 * 60));
    expect(addWorkingHours(parisInstant("2026-11-23", 18 * 60), 1, "75")).toEqual(parisInstant("2026-11-24", 10 * 60));
    expect(workingHoursBetween(parisInstant("2026-11-21", 0), parisInstant("2026-11-22", 23 * 60), "75")).toBe(0);
  });
});
