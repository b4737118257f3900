import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { recordAudit } from "../audit/journal.server";
import { db } from "../db/client.server";
import { revokeAllApiTokens } from "./api-tokens.server";
import { destroyAllSessions } from "./session.server";

/**
 * Ends every session of the actor, on every device (this one included), and revokes the actor's API
 * tokens: someone who could use the account may have made or copied one (ADR 004).
 */
export async function logoutEverywhere(actor: Actor, context: { ip?: string; userAgent?: string } = {}): Promise<void> {
  const { actorId, role } = auditActor(actor);
  await db().transaction(async (tx) => {
    await destroyAllSessions(actor.userId, tx);
    await revokeAllApiTokens(actor.userId, { actorId, actorRole: role, ...context }, tx);
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
