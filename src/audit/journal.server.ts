import { desc, sql } from "drizzle-orm";
import { db, type Queryable, queryRows } from "../db/client.server";
import { auditLog } from "../db/schema";
import type { AuditAction } from "./actions";
import { auditKey, entryMac } from "./audit-key.server";
import { checkSeals, sealFilePath } from "./seals.server";

export type AuditEntry = {
  action: AuditAction;
  actorId?: string | null;
  role?: string | null;
  structureId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
};

/** The advisory lock of the chain, also taken by the audit_log_chain trigger (migrations 0001 and 0019). */
const CHAIN_LOCK = 727100001;

/**
 * Appends one entry. Pass the transaction of the change it records, so that both land or neither.
 * The database assigns the chained SHA-256 hash; the application adds the keyed mac (ADR 020): under the chain lock
 * it draws the id, has the database compute the digest the trigger will store, and inserts with the mac of it.
 */
export async function recordAudit(entry: AuditEntry, q: Queryable = db()): Promise<void> {
  const key = auditKey();
  const values = {
    action: entry.action,
    actorId: entry.actorId ?? null,
    role: entry.role ?? null,
    structureId: entry.structureId ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent ? entry.userAgent.slice(0, 300) : null,
  };
  await q.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
    // now() is the transaction's time: the same as the default of "at" on the insert below.
    const [next] = await queryRows<{ id: string; prev_mac: string | null; digest: string }>(
      tx,
      sql`with head as (select hash, mac from audit_log order by id desc limit 1),
          n as (select nextval(pg_get_serial_sequence('audit_log', 'id')) as id)
        select n.id::text as id, head.mac as prev_mac,
          audit_entry_digest(coalesce(head.hash, ''), n.id, now(), ${values.actorId}::uuid, ${values.role},
            ${values.structureId}::uuid, ${values.action}, ${values.targetType}, ${values.targetId},
            ${values.ip}::inet, ${values.userAgent}) as digest
        from n left join head on true`,
    );
    await tx
      .insert(auditLog)
      .values({ ...values, id: Number(next.id), mac: entryMac(key, next.prev_mac, next.digest) });
  });
}

export type AuditVerification = {
  ok: boolean;
  checked: number;
  /** The first entry found wrong, or for a seal failure the sealed last id (the seal file's line for a forged seal). */
  firstBrokenId: number | null;
  reason: "hash" | "link" | "mac" | "seal-forged" | "truncated" | "sealed-changed" | null;
  /** Seals read and checked. */
  seals: number;
  sealedCount?: number;
  currentCount?: number;
};

/**
 * Checks the journal three ways: every SHA-256 digest and link (in the database), every keyed mac (here, with the
 * key), and the seals (count and head) written outside the database. A chain recomputed without the key fails the
 * macs; a tail deleted, or a chain recomputed with macs stripped, fails the seals.
 */
export async function verifyAuditChain(
  q: Queryable = db(),
  options: { sealFile?: string } = {},
): Promise<AuditVerification> {
  const chain = await verifyDigests(q);
  const failure = chain.firstBrokenId !== null ? chain : await verifyMacs(q);
  const seals = await checkSeals(options.sealFile ?? sealFilePath(), q);
  if (failure.firstBrokenId !== null)
    return {
      ok: false,
      checked: chain.checked,
      firstBrokenId: failure.firstBrokenId,
      reason: failure.reason,
      seals: seals.seals,
    };
  if (!seals.ok)
    return {
      ok: false,
      checked: chain.checked,
      firstBrokenId: seals.at,
      reason: seals.reason,
      seals: seals.seals,
      sealedCount: seals.sealedCount,
      currentCount: seals.currentCount,
    };
  return { ok: true, checked: chain.checked, firstBrokenId: null, reason: null, seals: seals.seals };
}

type Finding = { firstBrokenId: number | null; reason: AuditVerification["reason"] };

/** Recomputes every digest and every link of the SHA-256 chain, in the database, in id order. */
async function verifyDigests(q: Queryable): Promise<Finding & { checked: number }> {
  const [row] = await queryRows<{ checked: number; broken_id: string | number | null; reason: "hash" | "link" | null }>(
    q,
    sql`
    with chain as (
      select id,
        hash = audit_entry_digest(prev_hash, id, at, actor_id, role, structure_id, action, target_type,
          target_id, ip, user_agent) as hash_ok,
        prev_hash = coalesce(lag(hash) over (order by id), '') as link_ok
      from audit_log
    )
    select (select count(*) from chain)::int as checked,
      (select id from chain where not (hash_ok and link_ok) order by id limit 1)::bigint as broken_id,
      (select case when not hash_ok then 'hash' else 'link' end from chain where not (hash_ok and link_ok) order by id limit 1) as reason
  `,
  );
  const brokenId = row.broken_id === null ? null : Number(row.broken_id);
  return { checked: Number(row.checked), firstBrokenId: brokenId, reason: row.reason };
}

const MAC_PAGE = 5000;

/**
 * Checks the keyed chain, page by page in id order. It starts at its anchor, the first entry with a mac (entries
 * written before the key existed have none, and the anchor's digest covers them all); after it every entry needs one.
 */
async function verifyMacs(q: Queryable): Promise<Finding> {
  const key = auditKey();
  let previousMac: string | null = null;
  let anchored = false;
  let after = 0;
  for (;;) {
    const rows = await queryRows<{ id: string; hash: string; mac: string | null }>(
      q,
      sql`select id::text as id, hash, mac from audit_log where id > ${after} order by audit_log.id limit ${MAC_PAGE}`,
    );
    for (const row of rows) {
      if (row.mac !== null) anchored = true;
      if (anchored && row.mac !== entryMac(key, previousMac, row.hash))
        return { firstBrokenId: Number(row.id), reason: "mac" };
      previousMac = row.mac;
    }
    if (rows.length < MAC_PAGE) return { firstBrokenId: null, reason: null };
    after = Number(rows[rows.length - 1].id);
  }
}

/** The verdict in one French sentence, for the CLI and the journal page. */
export function describeVerification(result: AuditVerification): string {
  const sealed = result.seals === 0 ? "aucun sceau trouvé" : `${result.seals} sceau(x) vérifié(s)`;
  switch (result.reason) {
    case null:
      return `Journal intègre : ${result.checked} entrées vérifiées, ${sealed}.`;
    case "hash":
      return `Journal altéré : entrée ${result.firstBrokenId} (contenu modifié), ${result.checked} entrées lues.`;
    case "link":
      return `Journal altéré : entrée ${result.firstBrokenId} (chaînage rompu), ${result.checked} entrées lues.`;
    case "mac":
      return `Journal altéré : entrée ${result.firstBrokenId} (signature invalide : chaîne recalculée sans la clé), ${result.checked} entrées lues.`;
    case "truncated":
      return `Journal tronqué : le sceau de l’entrée ${result.firstBrokenId} compte ${result.sealedCount} entrées, la base n’en a plus que ${result.currentCount} jusqu’à elle.`;
    case "sealed-changed":
      return `Journal réécrit : l’entrée ${result.firstBrokenId} ne correspond plus à son sceau (${result.sealedCount} entrées scellées, ${result.currentCount} présentes).`;
    case "seal-forged":
      return `Sceau invalide : ligne ${result.firstBrokenId} du fichier de sceaux (signature fausse ou ligne illisible).`;
  }
}

export async function listAuditEntries(limit = 200, q: Queryable = db()) {
  return q.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
}
