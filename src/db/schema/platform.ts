import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, inet, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Mails kept locally when no SMTP server is configured (demo mode), shown at /admin/outbox. */
export const outbox = pgTable("outbox", {
  id: uuid("id").primaryKey().defaultRandom(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Append-only journal. Triggers (migration 0001) refuse UPDATE, DELETE and TRUNCATE,
 * and chain every row to the previous one with a sha256 digest computed in the database;
 * the application adds a keyed MAC over that chain (migration 0019, ADR 020).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    role: text("role"),
    structureId: uuid("structure_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: inet("ip"),
    userAgent: text("user_agent"),
    prevHash: text("prev_hash").notNull().default(""),
    hash: text("hash").notNull().default(""),
    /**
     * HMAC-SHA-256, computed by the application with AUDIT_HMAC_KEY (never in the database), of the previous
     * entry's mac and this entry's hash (ADR 020). Null only on entries written before the keyed chain.
     */
    mac: text("mac"),
  },
  (t) => [index("audit_log_actor_idx").on(t.actorId), index("audit_log_target_idx").on(t.targetType, t.targetId)],
);

/** One row per run of a background job: what ran, when, what it did (convention: every run is recorded). */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    job: text("job").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    status: text("status").notNull(),
    dryRun: boolean("dry_run").notNull().default(false),
    counts: jsonb("counts").$type<Record<string, number>>().notNull().default({}),
    error: text("error"),
  },
  (t) => [
    index("job_runs_job_idx").on(t.job, t.startedAt),
    check("job_runs_status_check", sql`${t.status} in ('running', 'succeeded', 'failed')`),
  ],
);
