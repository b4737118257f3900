import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { db, queryRows, type Tx } from "../db/client.server";
import { jobRuns } from "../db/schema";
import { sha256Hex } from "./crypto.server";
import { loggableMessage } from "./loggable-error";
import { logger } from "./logger.server";

/**
 * A background job: a zod payload and a handler. Each run is one transaction that holds an
 * advisory lock named after the job, so across every app node a due job runs exactly once;
 * each run is recorded in job_runs with its counts.
 */
export type JobContext<Payload> = { tx: Tx; dryRun: boolean; payload: Payload; now: Date };
export type JobDefinition<Payload = Record<string, never>> = {
  name: string;
  /** How often the scheduler runs it. */
  everyMinutes: number;
  payload: z.ZodType<Payload>;
  run(context: JobContext<Payload>): Promise<Record<string, number>>;
};

export type JobResult = { status: "succeeded" | "failed" | "skipped"; counts: Record<string, number>; error?: string };

class DryRunRollback extends Error {
  constructor(readonly counts: Record<string, number>) {
    super("dry run");
  }
}

function lockKey(name: string): number {
  return Number.parseInt(sha256Hex(`guichet.job.${name}`).slice(0, 8), 16) | 0;
}

/**
 * How early a tick may come and still run a job: timers drift by a few milliseconds (or a second
 * under load), and a tick that finds the last start 59.99 s ago must not skip a whole minute.
 */
export const DUE_TOLERANCE_MS = 5_000;

/** Whether a job last started at `last` is due at `now`, within the tolerance. */
export function isDue(last: Date, now: Date, everyMinutes: number): boolean {
  return now.getTime() - last.getTime() >= everyMinutes * 60_000 - DUE_TOLERANCE_MS;
}

export async function runJob<Payload>(
  job: JobDefinition<Payload>,
  options: { dryRun?: boolean; payload?: unknown; onlyIfDue?: boolean } = {},
): Promise<JobResult> {
  const payload = job.payload.parse(options.payload ?? {});
  const dryRun = options.dryRun ?? false;
  const startedAt = new Date();
  try {
    const outcome = await db().transaction(async (tx) => {
      const [lock] = await queryRows<{ locked: boolean }>(
        tx,
        sql`select pg_try_advisory_xact_lock(${lockKey(job.name)}) as locked`,
      );
      if (!lock.locked) return null;
      if (options.onlyIfDue) {
        const [last] = await tx
          .select({ startedAt: jobRuns.startedAt })
          .from(jobRuns)
          .where(and(eq(jobRuns.job, job.name), eq(jobRuns.status, "succeeded"), eq(jobRuns.dryRun, false)))
          .orderBy(desc(jobRuns.startedAt))
          .limit(1);
        if (last && !isDue(last.startedAt, startedAt, job.everyMinutes)) return null;
      }
      const counts = await job.run({ tx, dryRun, payload, now: startedAt });
      // A dry run computes everything, then rolls back its changes; its record is written after.
      if (dryRun) throw new DryRunRollback(counts);
      await tx
        .insert(jobRuns)
        .values({ job: job.name, startedAt, finishedAt: new Date(), status: "succeeded", counts });
      return counts;
    });
    if (outcome === null) return { status: "skipped", counts: {} };
    logger().info({ job: job.name, counts: outcome }, "job succeeded");
    return { status: "succeeded", counts: outcome };
  } catch (error) {
    if (error instanceof DryRunRollback) {
      await db().insert(jobRuns).values({
        job: job.name,
        startedAt,
        finishedAt: new Date(),
        status: "succeeded",
        dryRun: true,
        counts: error.counts,
      });
      return { status: "succeeded", counts: error.counts };
    }
    const message = loggableMessage(error);
    await db()
      .insert(jobRuns)
      .values({
        job: job.name,
        startedAt,
        finishedAt: new Date(),
        status: "failed",
        dryRun,
        error: message.slice(0, 500),
      });
    logger().error({ job: job.name, error: message }, "job failed");
    return { status: "failed", counts: {}, error: message };
  }
}

/** Runs every due job once a minute; returns a stop function. */
export function startScheduler(jobs: JobDefinition<never>[] | JobDefinition[]): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const job of jobs as JobDefinition[]) await runJob(job, { onlyIfDue: true });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), 60_000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}

export async function lastRuns(job: string, limit = 10) {
  return db().select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(desc(jobRuns.startedAt)).limit(limit);
}
