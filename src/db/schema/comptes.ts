import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { structures } from "./structures";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    prenom: text("prenom").notNull(),
    nom: text("nom").notNull(),
    passwordHash: text("password_hash"),
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last TOTP time step accepted: a code is accepted once, never replayed in another session. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    check("users_email_lowercase_check", sql`${t.email} = lower(${t.email})`),
  ],
);

/**
 * One row per role held in one scope. Memberships are rows, never arrays:
 * an agent of two structures has two rows, a referent of three départements three.
 */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    structureId: uuid("structure_id").references(() => structures.id),
    departement: text("departement"),
    partnerKey: text("partner_key"),
    startsOn: date("starts_on").notNull().default(sql`current_date`),
    endsOn: date("ends_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("role_assignments_user_idx").on(t.userId),
    index("role_assignments_structure_idx").on(t.structureId),
    check(
      "role_assignments_role_check",
      sql`${t.role} in ('agent', 'responsable', 'referent', 'coordinateur', 'national', 'admin')`,
    ),
    check(
      "role_assignments_scope_check",
      sql`case ${t.role}
        when 'agent' then ${t.structureId} is not null and ${t.departement} is null and ${t.partnerKey} is null
        when 'responsable' then ${t.structureId} is not null and ${t.departement} is null and ${t.partnerKey} is null
        when 'referent' then ${t.structureId} is null and ${t.departement} is not null and ${t.partnerKey} is not null
        when 'coordinateur' then ${t.structureId} is null and ${t.departement} is not null and ${t.partnerKey} is null
        else ${t.structureId} is null and ${t.departement} is null and ${t.partnerKey} is null
      end`,
    ),
    // ends_on is the last day held; the day before starts_on means "withdrawn before it began".
    check("role_assignments_dates_check", sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn} - 1`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the cookie token: a database leak does not give live sessions. */
    idHash: text("id_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    secondFactorDone: boolean("second_factor_done").notNull().default(false),
    /** The TOTP secret this session's setup page shows, until confirmed: never shared with another session. */
    pendingTotpSecret: text("pending_totp_secret"),
    currentStructureId: uuid("current_structure_id").references(() => structures.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

export const passwordResetTokens = pgTable("password_reset_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    email: text("email").notNull(),
    prenom: text("prenom").notNull(),
    nom: text("nom").notNull(),
    role: text("role").notNull(),
    structureId: uuid("structure_id").references(() => structures.id),
    departement: text("departement"),
    partnerKey: text("partner_key"),
    invitedBy: uuid("invited_by")
      .notNull()
      .references(() => users.id),
    /** The role's period once accepted (never before the acceptance day). */
    startsOn: date("starts_on").notNull().default(sql`current_date`),
    endsOn: date("ends_on"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invitations_token_unique").on(t.tokenHash)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountKey: text("account_key").notNull(),
    ip: text("ip").notNull(),
    success: boolean("success").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_account_idx").on(t.accountKey, t.at), index("login_attempts_ip_idx").on(t.ip, t.at)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash)],
);
