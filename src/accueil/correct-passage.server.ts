import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { recordAudit } from "../audit/journal.server";
import { db } from "../db/client.server";
import { passages, sollicitations } from "../db/schema";
import { CANAUX_PRESENTIELS } from "./accueil.labels";
import type { PassageInput } from "./accueil.schema";
import { lockPassageForChange } from "./get-passage.server";
import { assertUsableLocalPartners } from "./local-partners.server";
import { forgetQuickPicks } from "./quick-picks.server";
import { insertSollicitations, passageColumns } from "./record-passage.server";
import { enqueueStatContributions } from "./stat-queue.server";

export type ChangeContext = { ip?: string | null; userAgent?: string | null; now?: Date };

/**
 * Corrects a passage: its fields, and its sollicitations replaced by the given ones. Author or
 * responsable of its structure, within 30 days of its start; journaled in the same transaction.
 * The structure does not change. A start left empty keeps the recorded one; the measured wait is
 * kept unless the channel becomes one where nobody waits in the room.
 */
export async function correctPassage(
  actor: Actor,
  passageId: string,
  input: PassageInput,
  context: ChangeContext = {},
): Promise<{ id: string }> {
  const now = context.now ?? new Date();
  let structureId = "";
  const result = await db().transaction(async (tx) => {
    const passage = await lockPassageForChange(tx, actor, passageId, now);
    structureId = passage.structureId;
    await enqueueStatContributions(tx, [passage.id], -1);
    await assertUsableLocalPartners(
      actor,
      passage.structureId,
      input.sollicitations.flatMap((sollicitation) => sollicitation.partenairesLocaux),
      tx,
    );
    const presentiel = (CANAUX_PRESENTIELS as readonly string[]).includes(input.canal);
    await tx
      .update(passages)
      .set({
        startedAt: input.debut ?? passage.startedAt,
        ...passageColumns(input),
        attenteSecondes: presentiel ? passage.attenteSecondes : null,
        updatedAt: now,
        updatedBy: actor.userId || null,
      })
      .where(eq(passages.id, passage.id));
    await tx.delete(sollicitations).where(eq(sollicitations.passageId, passage.id));
    await insertSollicitations(tx, passage.id, input.sollicitations);
    await enqueueStatContributions(tx, [passage.id], 1);
    await recordAudit(
      {
        action: "passage.updated",
        ...auditActor(actor),
        structureId: passage.structureId,
        targetType: "passage",
        targetId: passage.id,
        ip: context.ip,
        userAgent: context.userAgent,
      },
      tx,
    );
    return { id: passage.id };
  });
  // After the commit: a view that read the counts meanwhile may not keep the old ones.
  forgetQuickPicks(structureId);
  return result;
}
