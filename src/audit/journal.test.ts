import { appendFile, readFile, rm, writeFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { type Db, db, dbHandle, queryRows } from "../db/client.server";
import { runJob } from "../platform/jobs.server";
import { captureLogs } from "../test/capture-logs";
import { asDatabaseOwner } from "../test/database-owner";
import { expectDbRefusal } from "../test/db-refusal";
import { entryMac } from "./audit-key.server";
import { describeVerification, recordAudit, verifyAuditChain } from "./journal.server";
import { auditSealJob } from "./seal.job";
import { sealFilePath } from "./seals.server";

type Row = { id: string; hash: string; mac: string | null };

const rows = async (q: Db = db()) =>
  queryRows<Row>(q, sql`select id::text as id, hash, mac from audit_log order by audit_log.id`);

/** What someone who owns the table can do: switch the append-only triggers off, change rows, switch them on. */
async function asOwnerWithoutTriggers(work: (owner: Db) => Promise<void>): Promise<void> {
  await asDatabaseOwner(async (owner) => {
    await owner.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    try {
      await work(owner);
    } finally {
      await owner.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    }
  });
}

/**
 * The attacker's next step after an edit: recompute every SHA-256 digest and link from `fromId` on, so the unkeyed
 * chain is whole again; the macs are kept, stripped, or recomputed with a key of their own.
 */
async function recomputeChain(owner: Db, fromId: number, macs: "keep" | "strip" | Buffer): Promise<void> {
  const [before] = await queryRows<{ hash: string | null; mac: string | null }>(
    owner,
    sql`select hash, mac from audit_log where id < ${fromId} order by id desc limit 1`,
  );
  let previousHash = before?.hash ?? "";
  let previousMac = before?.mac ?? null;
  for (const row of await queryRows<{ id: string }>(
    owner,
    sql`select id::text as id from audit_log where id >= ${fromId} order by audit_log.id`,
  )) {
    const [{ hash }] = await queryRows<{ hash: string }>(
      owner,
      sql`update audit_log set prev_hash = ${previousHash}, hash = audit_entry_digest(${previousHash}, id, at, actor_id,
        role, structure_id, action, target_type, target_id, ip, user_agent) where id = ${row.id} returning hash`,
    );
    const mac = macs === "strip" ? null : macs === "keep" ? undefined : entryMac(macs, previousMac, hash);
    if (mac !== undefined) await owner.execute(sql`update audit_log set mac = ${mac} where id = ${row.id}`);
    previousHash = hash;
    previousMac = mac === undefined ? previousMac : mac;
  }
}

async function recordSome(count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await recordAudit({ action: "auth.login.failure", targetType: "user", targetId: `u${i}`, ip: "192.0.2.1" });
}

describe("audit journal", () => {
  beforeEach(async () => {
    // Every test starts from an empty journal and no seal.
    await asOwnerWithoutTriggers((owner) => owner.execute(sql`delete from audit_log`).then(() => undefined));
    await rm(sealFilePath(), { force: true });
  });

  it("chains entries with a digest and a keyed mac, and verifies the whole chain", async () => {
    await recordAudit({ action: "auth.login.success", ip: "192.0.2.1", userAgent: "test" });
    await db().transaction(async (tx) => {
      await recordAudit({ action: "auth.logout" }, tx);
      await recordAudit({ action: "auth.logout", ip: "2001:db8::1" }, tx);
    });
    // Past ten entries, so that an order of ids as text (1, 10, 2…) could not pass.
    await recordSome(9);
    const journal = await rows();
    expect(journal).toHaveLength(12);
    expect(journal.every((row) => /^[0-9a-f]{64}$/.test(row.mac ?? ""))).toBe(true);
    expect(await verifyAuditChain()).toEqual({ ok: true, checked: 12, firstBrokenId: null, reason: null, seals: 0 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await recordAudit({ action: "auth.logout" });
    // On PostgreSQL the runtime role holds no such right; on PGlite (one user, the owner) the triggers refuse.
    const refused = (operation: string) =>
      dbHandle().kind === "postgres"
        ? /permission denied for table audit_log/
        : new RegExp(`append-only \\(${operation} refused\\)`);
    await expectDbRefusal(db().execute(sql`update audit_log set action = 'x'`), {
      code: "42501",
      message: refused("UPDATE"),
    });
    await expectDbRefusal(db().execute(sql`delete from audit_log`), { code: "42501", message: refused("DELETE") });
    await expectDbRefusal(db().execute(sql`truncate audit_log`), { code: "42501", message: refused("TRUNCATE") });
  });

  it("gives the application's role no way to rewrite the journal on PostgreSQL: no ALTER, no DISABLE TRIGGER (42501)", async () => {
    await recordAudit({ action: "auth.logout" });
    if (dbHandle().kind === "postgres") {
      const notOwner = { code: "42501", message: /must be owner of (table|relation) audit_log/ };
      await expectDbRefusal(db().execute(sql`alter table audit_log disable trigger audit_log_no_update`), notOwner);
      await expectDbRefusal(db().execute(sql`alter table audit_log disable trigger all`), notOwner);
      await expectDbRefusal(db().execute(sql`alter table audit_log add column note text`), notOwner);
      await expectDbRefusal(db().execute(sql`drop trigger audit_log_no_update on audit_log`), notOwner);
      await expectDbRefusal(db().execute(sql`update audit_log set target_id = 'x'`), {
        code: "42501",
        message: /permission denied for table audit_log/,
      });
      await expectDbRefusal(db().execute(sql`delete from audit_log`), {
        code: "42501",
        message: /permission denied for table audit_log/,
      });
    } else {
      // PGlite has one user, the owner: it can switch the triggers off. The key and the seals protect it (below).
      await db().execute(sql`alter table audit_log disable trigger audit_log_no_update`);
      await db().execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    }
  });

  it("reports an edited entry whose unkeyed chain was recomputed: its mac no longer matches", async () => {
    await recordSome(4);
    const victim = Number((await rows())[1].id);
    await asOwnerWithoutTriggers(async (owner) => {
      await owner.execute(sql`update audit_log set target_id = 'someone-else' where id = ${victim}`);
      await recomputeChain(owner, victim, "keep");
    });
    const result = await verifyAuditChain();
    expect(result).toMatchObject({ ok: false, firstBrokenId: victim, reason: "mac" });
    expect(describeVerification(result)).toBe(
      `Journal altéré : entrée ${victim} (signature invalide : chaîne recalculée sans la clé), 4 entrées lues.`,
    );
  });

  it("reports an edited entry whose keyed chain was recomputed without the key", async () => {
    await recordSome(4);
    const victim = Number((await rows())[2].id);
    await asOwnerWithoutTriggers(async (owner) => {
      await owner.execute(sql`update audit_log set action = 'auth.logout' where id = ${victim}`);
      await recomputeChain(owner, victim, Buffer.from("a guess of the attacker, not the key"));
    });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBrokenId: victim, reason: "mac" });
  });

  it("reports an edit without recomputation as a wrong digest, as before", async () => {
    await recordSome(3);
    const victim = Number((await rows())[1].id);
    await asOwnerWithoutTriggers(async (owner) => {
      await owner.execute(sql`update audit_log set target_id = 'someone-else' where id = ${victim}`);
    });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, firstBrokenId: victim, reason: "hash" });
  });

  it("reports the last entries deleted after a seal: the seal counts more entries than the journal holds", async () => {
    await recordSome(5);
    expect(await runJob(auditSealJob)).toMatchObject({ status: "succeeded", counts: { scelle: 1, entrees: 5 } });
    const journal = await rows();
    const sealedLast = Number(journal[4].id);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, seals: 1 });
    await asOwnerWithoutTriggers(async (owner) => {
      await owner.execute(sql`delete from audit_log where id >= ${journal[3].id}`);
    });
    // The chain alone is still whole: only the seal shows the loss.
    const result = await verifyAuditChain();
    expect(result).toMatchObject({
      ok: false,
      reason: "truncated",
      firstBrokenId: sealedLast,
      sealedCount: 5,
      currentCount: 3,
    });
    expect(describeVerification(result)).toBe(
      `Journal tronqué : le sceau de l’entrée ${sealedLast} compte 5 entrées, la base n’en a plus que 3 jusqu’à elle.`,
    );
  });

  it("reports a chain rewritten with its macs stripped: the sealed head no longer matches", async () => {
    await recordSome(3);
    await runJob(auditSealJob);
    const first = Number((await rows())[0].id);
    await asOwnerWithoutTriggers(async (owner) => {
      await owner.execute(sql`update audit_log set target_id = 'someone-else' where id = ${first}`);
      await recomputeChain(owner, first, "strip");
    });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: "sealed-changed", sealedCount: 3 });
  });

  it("reports a seal line written without the key", async () => {
    await recordSome(2);
    await runJob(auditSealJob);
    const [line] = (await readFile(sealFilePath(), "utf8")).trim().split("\n");
    const forged = { ...JSON.parse(line), count: 1 };
    await appendFile(sealFilePath(), `${JSON.stringify(forged)}\n`);
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: "seal-forged", firstBrokenId: 2 });
  });

  it("seals into the file and the structured log, only when the journal grew, and reads seals from a log export", async () => {
    await recordSome(2);
    const logs = captureLogs();
    try {
      expect((await runJob(auditSealJob)).counts).toEqual({ scelle: 1, entrees: 2 });
      expect((await runJob(auditSealJob)).counts).toEqual({ scelle: 0, entrees: 0 });
      await recordSome(1);
      expect((await runJob(auditSealJob)).counts).toEqual({ scelle: 1, entrees: 3 });
    } finally {
      logs.restore();
    }
    const fileSeals = (await readFile(sealFilePath(), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(fileSeals.map((seal) => seal.count)).toEqual([2, 3]);
    const sealLines = logs.lines.filter((line) => line.includes('"msg":"audit journal sealed"'));
    expect(sealLines.map((line) => JSON.parse(line).auditSeal)).toEqual(fileSeals);

    // The structured log alone (e.g. shipped off the host) is enough to catch a truncation.
    const exported = `${sealFilePath()}.log`;
    await writeFile(exported, logs.lines.join(""));
    await rm(sealFilePath());
    try {
      await asOwnerWithoutTriggers(async (owner) => {
        await owner.execute(sql`delete from audit_log where id = (select max(id) from audit_log)`);
      });
      expect(await verifyAuditChain(db(), { sealFile: exported })).toMatchObject({
        ok: false,
        reason: "truncated",
        sealedCount: 3,
        currentCount: 2,
      });
    } finally {
      await rm(exported, { force: true });
    }
  });

  it("keeps entries written before the key (no mac): the first keyed entry anchors them, so editing one is reported", async () => {
    // Entries of a journal that predates the keyed chain: inserted without a mac, chained by the database only.
    for (const action of ["auth.login.success", "auth.logout"])
      await db().execute(sql`insert into audit_log (action) values (${action})`);
    await recordSome(2);
    const journal = await rows();
    expect(journal.map((row) => row.mac === null)).toEqual([true, true, false, false]);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, checked: 4 });

    await asOwnerWithoutTriggers(async (owner) => {
      await owner.execute(sql`update audit_log set action = 'auth.login.failure' where id = ${journal[0].id}`);
      await recomputeChain(owner, Number(journal[0].id), "keep");
    });
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: "mac", firstBrokenId: Number(journal[2].id) });
  });

  it("reports an entry without a mac after the keyed chain began", async () => {
    await recordSome(1);
    await db().execute(sql`insert into audit_log (action) values ('auth.logout')`);
    const journal = await rows();
    expect(await verifyAuditChain()).toMatchObject({ ok: false, reason: "mac", firstBrokenId: Number(journal[1].id) });
  });
});
