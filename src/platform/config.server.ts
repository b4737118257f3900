import { z } from "zod";

const booleanFromEnv = z.enum(["true", "false", "1", "0", ""]).transform((value) => value === "true" || value === "1");

const roleList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(["agent", "responsable", "referent", "coordinateur", "national", "admin"])));

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "doit commencer par postgres:// ou postgresql://")
    .optional(),
  /**
   * The role that owns the schema and runs the migrations (ADR 020). When set, DATABASE_URL is the runtime role:
   * it is granted what the application does, and only INSERT and SELECT on audit_log.
   */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "doit commencer par postgres:// ou postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  /** Key of the audit journal's HMAC chain and seals (ADR 020), kept outside the database. Required outside demo mode. */
  AUDIT_HMAC_KEY: z.string().min(32, "doit compter au moins 32 caractères").optional(),
  /** Where the periodic seals of the audit journal are appended (default: audit-seals.jsonl in DATA_DIR). */
  AUDIT_SEAL_FILE: z.string().min(1).optional(),
  DEMO_MODE: booleanFromEnv.default(false),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  /** Every role reads personal data or aggregates beyond its team: all need a second factor by default. */
  TOTP_REQUIRED_ROLES: roleList.default(["agent", "responsable", "referent", "coordinateur", "national", "admin"]),
  /** Largest request body accepted, refused at the edge before any parsing or authentication. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Report requests run at once; more wait in a short queue, beyond which they are refused (ADR 022). */
  REPORT_CONCURRENCY: z.coerce.number().int().min(1).default(2),
  REPORT_QUEUE: z.coerce.number().int().min(0).default(8),
  REPORT_MAX_WAIT_MS: z.coerce.number().int().min(0).default(10_000),
  LOGIN_MAX_FAILURES_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "doit commencer par smtp:// ou smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Guichet <ne-pas-repondre@guichet.localhost>"),
  /** Counts below this are suppressed in every pilotage output that leaves a structure's team (ADR 021). */
  DISCLOSURE_THRESHOLD: z.coerce.number().int().min(2).max(100).default(5),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * How many reverse proxies stand in front of the server: their X-Forwarded-For entries are trusted, no
   * more, so a client cannot choose its own address. "true" means one proxy; "false" or 0, none.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d)$/, "true, false, or a number of proxies from 0 to 9")
    .transform((value) => (value === "true" ? 1 : value === "false" ? 0 : Number(value)))
    .default(0),
  /**
   * Keys that encrypt partner identifiers (AES-256-GCM): "k1:<base64 of 32 bytes>,k2:…", the first
   * one encrypts, every one decrypts (rotation). Required as soon as an identifier is stored,
   * except in demo mode (a fixed demo key, with a warning).
   */
  ENCRYPTION_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=_-]{40,}(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=_-]{40,})*$/,
      "doit être de la forme k1:<32 octets en base64>,k2:…",
    )
    .optional(),
  /** Days a terminée or abandonnée démarche keeps its personal data before destruction. */
  RETENTION_GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  /** Months an ended mandate is kept for proof (with its minimal data) before destruction. */
  RETENTION_MANDAT_PROOF_MONTHS: z.coerce.number().int().min(1).max(120).default(60),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment; an invalid value gives one readable line. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue.path.join(".");
    throw new ConfigError(
      `Configuration invalide : ${key} ${issue.message} (valeur reçue : ${JSON.stringify(env[key])})`,
    );
  }
  return result.data;
}

const CONFIG_KEY = Symbol.for("guichet.config");
type Holder = { [CONFIG_KEY]?: Config };

/** The process-wide configuration, parsed once (shared by the CLI and the server bundle). */
export function config(): Config {
  const holder = globalThis as Holder;
  holder[CONFIG_KEY] ??= parseConfig(process.env);
  return holder[CONFIG_KEY];
}

/** Replaces the process-wide configuration (CLI flags, tests). */
export function setConfig(overrides: Partial<Config>): Config {
  const holder = globalThis as Holder;
  holder[CONFIG_KEY] = { ...config(), ...overrides };
  return holder[CONFIG_KEY];
}
