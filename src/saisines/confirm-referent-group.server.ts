import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import type { RequestContext } from "../audit/request-context";
import { db } from "../db/client.server";
import { referentGroups } from "../db/schema";
import { auditGroupChange, recordGroupHistory } from "./referent-group-journal.server";
import { requireGroupEditor } from "./require-group-editor.server";

/** A member or the coordinateur confirms the entry is still right (the yearly confirmation). */
export async function confirmReferentGroup(
  actor: Actor,
  groupId: string,
  context: RequestContext = {},
  now: Date = new Date(),
): Promise<void> {
  await db().transaction(async (tx) => {
    await requireGroupEditor(actor, groupId, tx);
    await tx
      .update(referentGroups)
      .set({ lastConfirmedAt: now, staleFlaggedAt: null, confirmationRequestedAt: null })
      .where(eq(referentGroups.id, groupId));
    await recordGroupHistory(tx, groupId, actor, "confirmed");
    await auditGroupChange(tx, actor, "referent_group.confirmed", groupId, context);
  });
}
