import type { Actor } from "../acces/actor.server";
import { db, type Tx } from "../db/client.server";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { isClosedStatut } from "../donnees-personnelles/demarches.labels";
import { AppError } from "../platform/app-error";
import { type DemarcheRow, findDemarche } from "./get-demarche.server";

/** Every change is activity: it clears the inactivity flag (src/retention). */
export function activity(now: Date) {
  return { lastActivityAt: now, inactivityFlaggedAt: null };
}

export async function changeDemarche(
  actor: Actor,
  id: string,
  context: RequestContext,
  work: (tx: Tx, row: DemarcheRow & { usagerId: string; titre: string }, now: Date) => Promise<void>,
  options: { openOnly?: boolean } = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    const row = await findDemarche(actor, id, tx);
    if (options.openOnly && isClosedStatut(row.statut)) throw new AppError("demarche.closed", 409);
    const now = new Date();
    await work(tx, row, now);
    await auditPersonalData(
      actor,
      "demarche.updated",
      { type: "demarche", id: row.id, structureId: row.structureId },
      context,
      tx,
    );
  });
}
