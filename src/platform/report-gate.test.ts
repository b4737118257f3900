import { afterEach, describe, expect, it, vi } from "vitest";
import { createReportGate, isReportPath } from "./report-gate";

afterEach(() => vi.useRealTimers());

describe("the report gate", () => {
  it("admits up to its concurrency, queues a few in order, and refuses beyond the queue", async () => {
    const gate = createReportGate({ concurrency: 1, queue: 1, maxWaitMs: 10_000 });
    const first = await gate.enter();
    expect(first).not.toBeNull();
    const second = gate.enter();
    expect(await gate.enter()).toBeNull(); // the queue is full
    expect([gate.running, gate.waiting]).toEqual([1, 1]);
    first?.();
    first?.(); // releasing twice frees one slot only
    const admitted = await second;
    expect(admitted).not.toBeNull();
    expect([gate.running, gate.waiting]).toEqual([1, 0]);
    admitted?.();
    expect(gate.running).toBe(0);
  });

  it("refuses a request that waited longer than its limit", async () => {
    vi.useFakeTimers();
    const gate = createReportGate({ concurrency: 1, queue: 5, maxWaitMs: 2_000 });
    const held = await gate.enter();
    const waiting = gate.enter();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await waiting).toBeNull();
    expect(gate.waiting).toBe(0);
    held?.();
    expect(gate.running).toBe(0);
  });

  it("counts the pilotage dashboards and exports and the reports API as report work, not the /pilotage redirect", () => {
    for (const path of ["/pilotage/structures/x", "/pilotage/national", "/pilotage/export", "/api/v1/reports"])
      expect(isReportPath(path), path).toBe(true);
    for (const path of [
      "/pilotage",
      "/pilotage/",
      "/accueil",
      "/accueil/journee",
      "/api/v1/passages",
      "/pilotages",
      "/",
    ])
      expect(isReportPath(path), path).toBe(false);
  });
});
