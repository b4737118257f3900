import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { recordAudit } from "../audit/journal.server";
import { db } from "../db/client.server";
import { passages } from "../db/schema";
import { AppError } from "../platform/app-error";
import type { ChangeContext } from "./correct-passage.server";
import { suppressionSchema } from "./corrections.schema";
import { lockPassageForChange } from "./get-passage.server";
import { forgetQuickPicks } from "./quick-picks.server";
import { enqueueStatContributions } from "./stat-queue.server";

/**
 * Soft-deletes a passage: the row stays, with who deleted it, when and why (a reason of 3 to 500
 * characters). Same rule as corrections; journaled in the same transaction (ids only, never the reason).
 */
export async function deletePassage(
  actor: Actor,
  passageId: string,
  reason: string,
  context: ChangeContext = {},
): Promise<{ id: string }> {
  // The form's rule, for every caller: 3 to 500 code points (as the database counts), no NUL character.
  const parsed = suppressionSchema.shape.motif.safeParse(reason);
  if (!parsed.success) throw new AppError("accueil.deletion_reason_invalid", 400, "motif");
  const motif = parsed.data;
  const now = context.now ?? new Date();
  let structureId = "";
  const result = await db().transaction(async (tx) => {
    const passage = await lockPassageForChange(tx, actor, passageId, now);
    structureId = passage.structureId;
    // Reports count live passages only: the passage's contribution is withdrawn.
    await enqueueStatContributions(tx, [passage.id], -1);
    await tx
      .update(passages)
      .set({ deletedAt: now, deletedBy: actor.userId, deletionReason: motif })
      .where(eq(passages.id, passage.id));
    await recordAudit(
      {
        action: "passage.deleted",
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
