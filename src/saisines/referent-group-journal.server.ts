import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { recordAudit } from "../audit/journal.server";
import type { RequestContext } from "../audit/request-context";
import type { Tx } from "../db/client.server";
import { referentGroupHistory } from "../db/schema";

type Change = (typeof referentGroupHistory.$inferInsert)["change"];

/** One line of the group's own history (shown on the group page to its editors). */
export async function recordGroupHistory(
  tx: Tx,
  groupId: string,
  actor: Actor,
  change: Change,
  detail: string | null = null,
) {
  await tx.insert(referentGroupHistory).values({ groupId, actorId: actor.userId || null, change, detail });
}

/** The audit journal entry of a change to a group, in the same transaction. */
export function auditGroupChange(
  tx: Tx,
  actor: Actor,
  action:
    | "referent_group.created"
    | "referent_group.updated"
    | "referent_group.member_added"
    | "referent_group.member_removed"
    | "referent_group.confirmed",
  groupId: string,
  context: RequestContext,
) {
  return recordAudit(
    {
      action,
      ...auditActor(actor),
      targetType: "referent_group",
      targetId: groupId,
      ip: context.ip ?? null,
      userAgent: context.userAgent ?? null,
    },
    tx,
  );
}
