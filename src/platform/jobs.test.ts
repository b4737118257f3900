import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { housekeepingJob } from "../auth/housekeeping.job";
import { createSession } from "../auth/session.server";
import { db } from "../db/client.server";
import { jobRuns, sessions } from "../db/schema";
import { createTestUser } from "../test/factories";
import { type JobDefinition, runJob, startScheduler } from "./jobs.server";

afterEach(() => vi.useRealTimers());

describe("background jobs", () => {
  it("housekeeping removes idle sessions, keeps live ones, and records its run", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-02T08:00:00Z"));
    const { userId } = await createTestUser([{ role: "national" }]);
    const old = await createSession(userId, true);
    vi.setSystemTime(new Date("2026-03-02T09:00:00Z"));
    const fresh = await createSession(userId, true);

    const dry = await runJob(housekeepingJob, { dryRun: true });
    expect(dry.counts.sessions).toBe(1);
    expect(await db().select().from(sessions).where(eq(sessions.idHash, old.idHash))).toHaveLength(1);

    const result = await runJob(housekeepingJob);
    expect(result).toMatchObject({ status: "succeeded", counts: { sessions: 1 } });
    expect(await db().select().from(sessions).where(eq(sessions.idHash, old.idHash))).toHaveLength(0);
    expect(await db().select().from(sessions).where(eq(sessions.idHash, fresh.idHash))).toHaveLength(1);

    const runs = await db().select().from(jobRuns).where(eq(jobRuns.job, housekeepingJob.name));
    expect(runs.map((run) => [run.status, run.dryRun, run.counts.sessions])).toEqual(
      expect.arrayContaining([
        ["succeeded", true, 1],
        ["succeeded", false, 1],
      ]),
    );
  });

  it("runs a due job exactly once even when two nodes ask at the same time", async () => {
    let executions = 0;
    const job: JobDefinition = {
      name: `test.once.${Math.random()}`,
      everyMinutes: 60,
      payload: z.object({}) as never,
      async run() {
        executions += 1;
        return { done: 1 };
      },
    };
    const results = await Promise.all([runJob(job, { onlyIfDue: true }), runJob(job, { onlyIfDue: true })]);
    expect(results.map((result) => result.status).sort()).toEqual(["skipped", "succeeded"]);
    expect(executions).toBe(1);
    expect((await runJob(job, { onlyIfDue: true })).status).toBe("skipped");
  });

  it("records a failed run and rolls back its changes", async () => {
    const job: JobDefinition = {
      name: "test.failing",
      everyMinutes: 60,
      payload: z.object({}) as never,
      async run({ tx }) {
        await tx.insert(jobRuns).values({ job: "should-vanish", startedAt: new Date(), status: "succeeded" });
        throw new Error("panne simulée");
      },
    };
    const result = await runJob(job);
    expect(result).toMatchObject({ status: "failed", error: "panne simulée" });
    expect(await db().select().from(jobRuns).where(eq(jobRuns.job, "should-vanish"))).toHaveLength(0);
    const [run] = await db().select().from(jobRuns).where(eq(jobRuns.job, "test.failing"));
    expect(run.status).toBe("failed");
  });

  it("runs the job at every tick of the scheduler, even when a tick comes a few milliseconds early", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"] });
    vi.setSystemTime(new Date("2026-03-02T08:00:00Z"));
    let executions = 0;
    const job: JobDefinition = {
      name: `test.every-tick.${Math.random()}`,
      everyMinutes: 1,
      payload: z.object({}) as never,
      async run() {
        executions += 1;
        return { done: 1 };
      },
    };
    const stop = startScheduler([job]);
    try {
      await vi.waitFor(() => expect(executions).toBe(1));
      for (let tick = 1; tick <= 3; tick += 1) {
        // The clock runs 4 ms behind the timer: each tick finds the last start 59.996 s ago.
        vi.setSystemTime(new Date(Date.now() - 4));
        await vi.advanceTimersByTimeAsync(60_000);
        await vi.waitFor(() => expect(executions).toBe(1 + tick));
      }
      const runs = await db().select().from(jobRuns).where(eq(jobRuns.job, job.name));
      expect(runs.map((run) => run.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    } finally {
      stop();
    }
  });
});
