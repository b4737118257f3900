import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../db/client.server";
import { expectDbRefusal } from "../test/db-refusal";
import { recordAudit, verifyAuditChain } from "./journal.server";

describe("audit journal", () => {
  it("chains entries and verifies the whole chain", async () => {
    await recordAudit({ action: "auth.login.success", ip: "192.0.2.1", userAgent: "test" });
    await recordAudit({ action: "auth.logout" });
    const result = await verifyAuditChain();
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(2);
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await recordAudit({ action: "auth.logout" });
    // insufficient_privilege, raised by the audit_log_no_update and audit_log_no_truncate triggers.
    await expectDbRefusal(db().execute(sql`update audit_log set action = 'x'`), {
      code: "42501",
      message: /append-only \(UPDATE refused\)/,
    });
    await expectDbRefusal(db().execute(sql`delete from audit_log`), {
      code: "42501",
      message: /append-only \(DELETE refused\)/,
    });
    await expectDbRefusal(db().execute(sql`truncate audit_log`), {
      code: "42501",
      message: /append-only \(TRUNCATE refused\)/,
    });
  });

  it("reports the row whose content was changed behind the trigger's back", async () => {
    for (let i = 0; i < 3; i++)
      await recordAudit({ action: "auth.login.failure", targetType: "user", targetId: `u${i}` });
    const before = await verifyAuditChain();
    expect(before.ok).toBe(true);
    const [victim] = (
      (await db().execute(sql`select id from audit_log order by id desc offset 1 limit 1`)) as unknown as {
        rows: Array<{ id: string }>;
      }
    ).rows;
    await db().execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await db().execute(sql`update audit_log set target_id = 'someone-else' where id = ${victim.id}`);
    await db().execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    const after = await verifyAuditChain();
    expect(after.ok).toBe(false);
    expect(after.firstBrokenId).toBe(Number(victim.id));
    expect(after.reason).toBe("hash");
  });

  it("reports a broken link when a row is removed from the chain", async () => {
    await db().execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    const [last] = (
      (await db().execute(sql`select id from audit_log order by id desc limit 1`)) as unknown as {
        rows: Array<{ id: string }>;
      }
    ).rows;
    await recordAudit({ action: "auth.logout" });
    await db().execute(sql`delete from audit_log where id = ${last.id}`);
    await db().execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    const after = await verifyAuditChain();
    expect(after.ok).toBe(false);
  });
});
