import { bigserial, index, inet, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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
 * and chain every row to the previous one with a sha256 digest computed in the database.
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
  },
  (t) => [index("audit_log_actor_idx").on(t.actorId), index("audit_log_target_idx").on(t.targetType, t.targetId)],
);
