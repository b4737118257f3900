import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, config } from "../platform/config.server";
import { logger } from "../platform/logger.server";

/**
 * The key of the audit journal's HMAC chain and seals (ADR 020). It lives outside the database: AUDIT_HMAC_KEY, or in
 * demo mode only a random key generated once into DATA_DIR/audit-hmac.key (which protects nothing against whoever
 * can read DATA_DIR: a demo convenience). Outside demo mode, a missing key stops the start-up.
 */
const DEMO_KEY_FILE = "audit-hmac.key";
const KEY_HOLDER = Symbol.for("guichet.audit-key");
type Holder = { [KEY_HOLDER]?: { source: string; key: Buffer } };

export const MISSING_AUDIT_KEY =
  "Configuration invalide : AUDIT_HMAC_KEY est obligatoire hors mode démonstration (clé du journal d’audit, 32 caractères au moins, conservée hors de la base ; voir le README).";

function demoKey(dataDir: string): Buffer {
  const file = path.join(dataDir, DEMO_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": the first process creates it, any other one reads what the first wrote.
    writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    logger().warn({ file }, "AUDIT_HMAC_KEY is not set: demo mode generated an audit key in DATA_DIR");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "utf8");
}

/** The key in force; throws a ConfigError (one French line) when none is configured outside demo mode. */
export function auditKey(): Buffer {
  const { AUDIT_HMAC_KEY, DEMO_MODE, DATA_DIR } = config();
  const source = AUDIT_HMAC_KEY ? `env:${AUDIT_HMAC_KEY}` : DEMO_MODE ? `demo:${DATA_DIR}` : "";
  const holder = globalThis as Holder;
  if (holder[KEY_HOLDER] && holder[KEY_HOLDER].source === source) return holder[KEY_HOLDER].key;
  if (!source) throw new ConfigError(MISSING_AUDIT_KEY);
  const key = AUDIT_HMAC_KEY ? Buffer.from(AUDIT_HMAC_KEY, "utf8") : demoKey(DATA_DIR);
  holder[KEY_HOLDER] = { source, key };
  return key;
}

/** HMAC-SHA-256 in hex of the parts joined by "|". */
export function auditMac(key: Buffer, ...parts: Array<string | number>): string {
  return createHmac("sha256", key).update(parts.join("|"), "utf8").digest("hex");
}

/** The mac of an entry: it binds the entry's database digest (which covers all earlier entries) to the previous mac. */
export function entryMac(key: Buffer, previousMac: string | null, hash: string): string {
  return auditMac(key, "guichet.audit.entry.v1", previousMac ?? "", hash);
}
