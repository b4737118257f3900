import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { AppError } from "../platform/app-error";
import type { SollicitationInput } from "./accueil.schema";
import { lastSollicitationPosition, lockPassageForChange } from "./get-passage.server";
import { assertUsableLocalPartners } from "./local-partners.server";
import { forgetQuickPicks } from "./quick-picks.server";
import { insertSollicitations } from "./record-passage.server";
import { enqueueStatContributions } from "./stat-queue.server";

/** The most sollicitations one passage holds (the database checks positions 1 to 20). */
export const MAX_SOLLICITATIONS = 20;

/**
 * Adds one or more sollicitations to an existing passage ("another demand of the same person"),
 * under the correction rule: its author or a responsable of its structure, within 30 days.
 * Like the recording of a passage, adding a demand is not journaled (corrections are).
 */
export async function addSollicitations(
  actor: Actor,
  passageId: string,
  list: SollicitationInput[],
  options: { now?: Date } = {},
): Promise<{ passageId: string; sollicitations: string[] }> {
  let structureId = "";
  const result = await db().transaction(async (tx) => {
    const passage = await lockPassageForChange(tx, actor, passageId, options.now);
    structureId = passage.structureId;
    await enqueueStatContributions(tx, [passage.id], -1);
    await assertUsableLocalPartners(
      actor,
      passage.structureId,
      list.flatMap((sollicitation) => sollicitation.partenairesLocaux),
      tx,
    );
    const last = await lastSollicitationPosition(tx, passage.id);
    if (last + list.length > MAX_SOLLICITATIONS) throw new AppError("accueil.sollicitations_full", 400);
    const ids = await insertSollicitations(tx, passage.id, list, last + 1);
    await enqueueStatContributions(tx, [passage.id], 1);
    return { passageId: passage.id, sollicitations: ids };
  });
  // After the commit: a view that read the counts meanwhile may not keep the old ones.
  forgetQuickPicks(structureId);
  return result;
}
