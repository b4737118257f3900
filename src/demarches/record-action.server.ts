import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { demarcheActions, demarches } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { type ActionNature, isClosedStatut } from "../donnees-personnelles/demarches.labels";
import { requireActiveMandate } from "../mandats/require-active-mandate.server";
import { AppError } from "../platform/app-error";
import { findDemarche } from "./get-demarche.server";

/**
 * Records an action done "au nom et pour le compte de l'usager" (a démarche done online in their
 * place, a request for communication of their personal data, an exchange with the partner in
 * their name). Refused without an active mandate covering this démarche.
 */
export async function recordActionPourLeCompte(
  actor: Actor,
  demarcheId: string,
  nature: ActionNature,
  context: RequestContext = {},
): Promise<string> {
  return db().transaction(async (tx) => {
    const row = await findDemarche(actor, demarcheId, tx);
    if (isClosedStatut(row.statut)) throw new AppError("demarche.closed", 409);
    const now = new Date();
    const mandatId = await requireActiveMandate(actor, row.usagerId, row.id, tx, now);
    const [action] = await tx
      .insert(demarcheActions)
      .values({ demarcheId: row.id, mandatId, nature, agentId: actor.userId, at: now })
      .returning({ id: demarcheActions.id });
    await tx.update(demarches).set({ lastActivityAt: now, inactivityFlaggedAt: null }).where(eq(demarches.id, row.id));
    await auditPersonalData(
      actor,
      "demarche.action_recorded",
      { type: "demarche", id: row.id, structureId: row.structureId },
      context,
      tx,
    );
    return action.id;
  });
}
