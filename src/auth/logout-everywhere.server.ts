import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { recordAudit } from "../audit/journal.server";
import { db } from "../db/client.server";
import { destroyAllSessions } from "./session.server";

/** Ends every session of the actor, on every device (this one included). */
export async function logoutEverywhere(actor: Actor, context: { ip?: string; userAgent?: string } = {}): Promise<void> {
  await db().transaction(async (tx) => {
    await destroyAllSessions(actor.userId, tx);
    await recordAudit(
      {
        action: "auth.logout_everywhere",
        ...auditActor(actor),
        targetType: "user",
        targetId: actor.userId,
        ...context,
      },
      tx,
    );
  });
}
