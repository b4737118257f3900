import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import type { RequestContext } from "../audit/request-context";
import { db } from "../db/client.server";
import { referentGroupMembers } from "../db/schema";
import { auditGroupChange, recordGroupHistory } from "./referent-group-journal.server";
import { requireGroupEditor } from "./require-group-editor.server";

export async function removeGroupMember(
  actor: Actor,
  groupId: string,
  userId: string,
  context: RequestContext = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    await requireGroupEditor(actor, groupId, tx);
    await tx
      .delete(referentGroupMembers)
      .where(and(eq(referentGroupMembers.groupId, groupId), eq(referentGroupMembers.userId, userId)));
    await recordGroupHistory(tx, groupId, actor, "member_removed", userId);
    await auditGroupChange(tx, actor, "referent_group.member_removed", groupId, context);
  });
}
