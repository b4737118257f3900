import { desc, sql } from "drizzle-orm";
import { db, type Queryable, queryRows } from "../db/client.server";
import { auditLog } from "../db/schema";
import type { AuditAction } from "./actions";

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

/**
 * Appends one entry. Pass the transaction of the change it records, so that both land or neither.
 * The database assigns the id and the chained hash.
 */
export async function recordAudit(entry: AuditEntry, q: Queryable = db()): Promise<void> {
  await q.insert(auditLog).values({
    action: entry.action,
    actorId: entry.actorId ?? null,
    role: entry.role ?? null,
    structureId: entry.structureId ?? null,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.ip ?? null,
    userAgent: entry.userAgent ? entry.userAgent.slice(0, 300) : null,
  });
}

export type AuditVerification = { ok: boolean; checked: number; firstBrokenId: number | null; reason: string | null };

/** Recomputes every digest and every link of the chain, in the database, in id order. */
export async function verifyAuditChain(q: Queryable = db()): Promise<AuditVerification> {
  const [row] = await queryRows<{ checked: number; broken_id: string | number | null; reason: string | null }>(
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
  return { ok: brokenId === null, checked: Number(row.checked), firstBrokenId: brokenId, reason: row.reason };
}

export async function listAuditEntries(limit = 200, q: Queryable = db()) {
  return q.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit);
}
