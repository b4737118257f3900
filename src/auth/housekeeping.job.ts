import { and, isNotNull, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import { invitations, loginAttempts, passwordResetTokens, sessions } from "../db/schema";
import { config } from "../platform/config.server";
import type { JobDefinition } from "../platform/jobs.server";

const DAY_MS = 86_400_000;
/** Unaccepted invitations hold a name and an e-mail: gone 30 days after they expire. */
const INVITATION_RETENTION_DAYS = 30;

/** Hourly clean-up of authentication data that no longer serves any purpose. */
export const housekeepingJob: JobDefinition = {
  name: "comptes.menage",
  everyMinutes: 60,
  payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async run({ tx, now }) {
    const idleLimit = new Date(now.getTime() - config().SESSION_IDLE_MINUTES * 60_000);
    const deletedSessions = await tx
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleLimit)))
      .returning({ id: sessions.idHash });
    const deletedAttempts = await tx
      .delete(loginAttempts)
      .where(lt(loginAttempts.at, new Date(now.getTime() - DAY_MS)))
      .returning({ id: loginAttempts.id });
    const deletedResets = await tx
      .delete(passwordResetTokens)
      .where(or(lt(passwordResetTokens.expiresAt, now), isNotNull(passwordResetTokens.usedAt)))
      .returning({ id: passwordResetTokens.tokenHash });
    const deletedInvitations = await tx
      .delete(invitations)
      .where(
        and(
          isNull(invitations.acceptedAt),
          lt(invitations.expiresAt, new Date(now.getTime() - INVITATION_RETENTION_DAYS * DAY_MS)),
        ),
      )
      .returning({ id: invitations.id });
    return {
      sessions: deletedSessions.length,
      loginAttempts: deletedAttempts.length,
      passwordResetTokens: deletedResets.length,
      invitations: deletedInvitations.length,
    };
  },
};
