import { desc } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { recordAudit } from "../audit/journal.server";
import { db } from "../db/client.server";
import { outbox } from "../db/schema";

export const OUTBOX_PAGE_SIZE = 200;

/**
 * The last mails kept in the local outbox (no SMTP server configured), newest first.
 * Recipients are personal data: every view is journaled.
 */
export async function listOutbox(actor: Actor, context: { ip?: string; userAgent?: string } = {}) {
  return db().transaction(async (tx) => {
    const mails = await tx
      .select({ id: outbox.id, to: outbox.to, subject: outbox.subject, text: outbox.text, createdAt: outbox.createdAt })
      .from(outbox)
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(OUTBOX_PAGE_SIZE);
    await recordAudit({ action: "outbox.viewed", ...auditActor(actor), ...context }, tx);
    return mails;
  });
}
