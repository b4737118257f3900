import { mkdir, open, readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Queryable, queryRows } from "../db/client.server";
import { config } from "../platform/config.server";
import { logger } from "../platform/logger.server";
import { auditKey, auditMac } from "./audit-key.server";

/**
 * Seals of the audit journal (ADR 020): from time to time the head of the chain (entry count, last id, its hash and
 * mac) is written, with an HMAC, where the database's users cannot rewrite it: appended to a file (AUDIT_SEAL_FILE,
 * default DATA_DIR/audit-seals.jsonl) and to the structured log. `audit verify` then reports a rewritten chain or a
 * truncated tail, which the chain alone cannot show.
 */
export const auditSealSchema = z.object({
  v: z.literal(1),
  at: z.string(),
  count: z.number().int().min(1),
  lastId: z.number().int().min(1),
  hash: z.string(),
  mac: z.string().nullable(),
  seal: z.string(),
});
export type AuditSeal = z.infer<typeof auditSealSchema>;
export type JournalHead = Omit<AuditSeal, "v" | "at" | "seal">;

export function sealFilePath(): string {
  const { AUDIT_SEAL_FILE, DATA_DIR } = config();
  return path.resolve(AUDIT_SEAL_FILE ?? path.join(DATA_DIR, "audit-seals.jsonl"));
}

function sealMac(key: Buffer, seal: Omit<AuditSeal, "seal">): string {
  return auditMac(key, "guichet.audit.seal.v1", seal.at, seal.count, seal.lastId, seal.hash, seal.mac ?? "");
}

/** The last entry and how many entries lead to it, read in one snapshot; null for an empty journal. */
export async function readJournalHead(q: Queryable = db()): Promise<JournalHead | null> {
  const [head] = await queryRows<{ count: number; last_id: string; hash: string; mac: string | null }>(
    q,
    sql`select (select count(*) from audit_log where id <= h.id)::int as count, h.id::text as last_id, h.hash, h.mac
      from (select id, hash, mac from audit_log order by id desc limit 1) h`,
  );
  return head ? { count: head.count, lastId: Number(head.last_id), hash: head.hash, mac: head.mac } : null;
}

/** Reads seals from a seal file or from an export of the structured log (lines carrying `auditSeal`). */
export async function readSeals(file: string): Promise<{ seals: AuditSeal[]; malformedLines: number[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { seals: [], malformedLines: [] };
    throw error;
  }
  const seals: AuditSeal[] = [];
  const malformedLines: number[] = [];
  text.split("\n").forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      malformedLines.push(index + 1);
      return;
    }
    const record = (value ?? {}) as Record<string, unknown>;
    // An export of the structured log: its seal lines carry `auditSeal`, its other lines are skipped.
    if (typeof record === "object" && !("auditSeal" in record) && "level" in record && "msg" in record) return;
    const parsed = auditSealSchema.safeParse("auditSeal" in record ? record.auditSeal : value);
    if (parsed.success) seals.push(parsed.data);
    else malformedLines.push(index + 1);
  });
  return { seals, malformedLines };
}

/**
 * Seals the current head: appends it to the seal file (synced to disk) and logs it. Does nothing when the
 * journal is empty or when the file's last seal already holds this head.
 */
export async function sealAuditJournal(
  q: Queryable,
  options: { now: Date; dryRun?: boolean },
): Promise<AuditSeal | null> {
  const head = await readJournalHead(q);
  if (!head) return null;
  const file = sealFilePath();
  const { seals } = await readSeals(file);
  const last = seals.at(-1);
  if (last && last.lastId === head.lastId && last.count === head.count && last.hash === head.hash) return null;
  const unsigned = { v: 1 as const, at: options.now.toISOString(), ...head };
  const seal: AuditSeal = { ...unsigned, seal: sealMac(auditKey(), unsigned) };
  if (options.dryRun) return seal;
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, "a", 0o600);
  try {
    await handle.appendFile(`${JSON.stringify(seal)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  logger().info({ auditSeal: seal }, "audit journal sealed");
  return seal;
}

export type SealCheck =
  | { ok: true; seals: number; latest: AuditSeal | null }
  | {
      ok: false;
      seals: number;
      reason: "seal-forged" | "truncated" | "sealed-changed";
      /** The forged seal's line, or the sealed last id the journal no longer matches. */
      at: number;
      sealedCount?: number;
      currentCount?: number;
    };

/** Checks every seal's own MAC, then that the journal still holds the latest sealed head, unchanged. */
export async function checkSeals(file: string, q: Queryable = db()): Promise<SealCheck> {
  const { seals, malformedLines } = await readSeals(file);
  if (malformedLines.length > 0)
    return { ok: false, seals: seals.length, reason: "seal-forged", at: malformedLines[0] };
  const key = auditKey();
  const forged = seals.findIndex(({ seal, ...rest }) => sealMac(key, rest) !== seal);
  if (forged >= 0) return { ok: false, seals: seals.length, reason: "seal-forged", at: forged + 1 };
  const latest = seals.reduce<AuditSeal | null>(
    (best, seal) => (!best || seal.lastId > best.lastId ? seal : best),
    null,
  );
  if (!latest) return { ok: true, seals: 0, latest: null };
  const [row] = await queryRows<{ count: number; hash: string | null; mac: string | null }>(
    q,
    sql`select (select count(*) from audit_log where id <= ${latest.lastId})::int as count,
      (select hash from audit_log where id = ${latest.lastId}) as hash,
      (select mac from audit_log where id = ${latest.lastId}) as mac`,
  );
  const base = { ok: false as const, seals: seals.length, at: latest.lastId, sealedCount: latest.count };
  if (row.hash === null || row.count < latest.count) return { ...base, reason: "truncated", currentCount: row.count };
  if (row.hash !== latest.hash || row.mac !== latest.mac || row.count !== latest.count)
    return { ...base, reason: "sealed-changed", currentCount: row.count };
  return { ok: true, seals: seals.length, latest };
}
