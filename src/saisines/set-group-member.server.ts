import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { activeAssignmentFilter } from "../acces/actor.server";
import type { RequestContext } from "../audit/request-context";
import { db } from "../db/client.server";
import { referentGroupMembers, roleAssignments } from "../db/schema";
import { AppError } from "../platform/app-error";
import { auditGroupChange, recordGroupHistory } from "./referent-group-journal.server";
import { requireGroupEditor } from "./require-group-editor.server";

/** Adds (or updates) a member: a user holding the referent role for the group's partner and département. */
export async function setGroupMember(
  actor: Actor,
  groupId: string,
  member: { userId: string; fonction?: string | null; telephoneDirect?: string | null; domaines?: string | null },
  context: RequestContext = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    const group = await requireGroupEditor(actor, groupId, tx);
    const [role] = await tx
      .select({ id: roleAssignments.id })
      .from(roleAssignments)
      .where(
        and(
          eq(roleAssignments.userId, member.userId),
          eq(roleAssignments.role, "referent"),
          eq(roleAssignments.partnerKey, group.partnerKey),
          eq(roleAssignments.departement, group.departement),
          activeAssignmentFilter(),
        ),
      );
    if (!role) throw new AppError("referent_group.member_invalid", 400, "userId");
    const values = {
      fonction: member.fonction ?? null,
      telephoneDirect: member.telephoneDirect ?? null,
      domaines: member.domaines ?? null,
    };
    const inserted = await tx
      .insert(referentGroupMembers)
      .values({ groupId, userId: member.userId, ...values })
      .onConflictDoUpdate({ target: [referentGroupMembers.groupId, referentGroupMembers.userId], set: values })
      .returning({ addedAt: referentGroupMembers.addedAt, fresh: sql<boolean>`xmax = 0` });
    await recordGroupHistory(tx, groupId, actor, inserted[0]?.fresh ? "member_added" : "member_updated", member.userId);
    await auditGroupChange(tx, actor, "referent_group.member_added", groupId, context);
  });
}
