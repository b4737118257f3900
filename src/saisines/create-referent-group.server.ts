import type { Actor } from "../acces/actor.server";
import { canSeeDepartement } from "../acces/tenant-scope.server";
import type { RequestContext } from "../audit/request-context";
import { db } from "../db/client.server";
import { referentGroupStructures, referentGroups } from "../db/schema";
import { AppError } from "../platform/app-error";
import { checkGroupStructures } from "./check-group-structures.server";
import { auditGroupChange, recordGroupHistory } from "./referent-group-journal.server";
import type { ReferentGroupInput } from "./saisines.schema";

/** The coordinateur of the département creates a group. */
export async function createReferentGroup(
  actor: Actor,
  input: ReferentGroupInput,
  context: RequestContext = {},
): Promise<string> {
  if (!canSeeDepartement(actor, input.departement)) throw new AppError("auth.forbidden", 403);
  return db().transaction(async (tx) => {
    await checkGroupStructures(tx, input.departement, input.structureIds);
    const [group] = await tx
      .insert(referentGroups)
      .values({
        departement: input.departement,
        partnerKey: input.partnerKey,
        nom: input.nom,
        mailbox: input.mailbox.toLowerCase(),
        emergencyPhones: input.emergencyPhones ?? null,
        instructions: input.instructions ?? null,
        coversWholeDepartement: input.coversWholeDepartement,
        firstAnswerDays: input.firstAnswerDays,
        resolutionDays: input.resolutionDays,
      })
      .returning({ id: referentGroups.id });
    if (!input.coversWholeDepartement && input.structureIds.length > 0)
      await tx
        .insert(referentGroupStructures)
        .values([...new Set(input.structureIds)].map((structureId) => ({ groupId: group.id, structureId })));
    await recordGroupHistory(tx, group.id, actor, "created");
    await auditGroupChange(tx, actor, "referent_group.created", group.id, context);
    return group.id;
  });
}
