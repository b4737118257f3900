import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import type { RequestContext } from "../audit/request-context";
import { db } from "../db/client.server";
import { referentGroupStructures, referentGroups } from "../db/schema";
import { checkGroupStructures } from "./check-group-structures.server";
import { auditGroupChange, recordGroupHistory } from "./referent-group-journal.server";
import { requireGroupEditor } from "./require-group-editor.server";
import type { ReferentGroupInput } from "./saisines.schema";

/** The coordinateur or a member edits the group (partner and département never change). */
export async function updateReferentGroup(
  actor: Actor,
  groupId: string,
  input: Omit<ReferentGroupInput, "departement" | "partnerKey">,
  context: RequestContext = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    const group = await requireGroupEditor(actor, groupId, tx);
    await checkGroupStructures(tx, group.departement, input.structureIds);
    const changed = (
      [
        "nom",
        "mailbox",
        "emergencyPhones",
        "instructions",
        "coversWholeDepartement",
        "firstAnswerDays",
        "resolutionDays",
      ] as const
    ).filter((key) => (group[key] ?? null) !== ((input as Record<string, unknown>)[key] ?? null));
    await tx
      .update(referentGroups)
      .set({
        nom: input.nom,
        mailbox: input.mailbox.toLowerCase(),
        emergencyPhones: input.emergencyPhones ?? null,
        instructions: input.instructions ?? null,
        coversWholeDepartement: input.coversWholeDepartement,
        firstAnswerDays: input.firstAnswerDays,
        resolutionDays: input.resolutionDays,
        // An edit confirms the entry.
        lastConfirmedAt: new Date(),
        staleFlaggedAt: null,
        updatedAt: new Date(),
      })
      .where(eq(referentGroups.id, groupId));
    await tx.delete(referentGroupStructures).where(eq(referentGroupStructures.groupId, groupId));
    if (!input.coversWholeDepartement && input.structureIds.length > 0)
      await tx
        .insert(referentGroupStructures)
        .values([...new Set(input.structureIds)].map((structureId) => ({ groupId, structureId })));
    await recordGroupHistory(tx, groupId, actor, "updated", [...changed, "structures"].join(", "));
    await auditGroupChange(tx, actor, "referent_group.updated", groupId, context);
  });
}
