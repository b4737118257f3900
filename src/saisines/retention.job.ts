import { eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/journal.server";
import { saisines, users } from "../db/schema";
import { jobMail } from "../platform/job-mail.server";
import type { JobDefinition } from "../platform/jobs.server";
import { destroySaisines } from "../retention/destroy.server";
import { INACTIVITY_MONTHS, INACTIVITY_NOTICE_DAYS, shiftMonths } from "../retention/retention.rules";
import { saisineMail } from "./notify.server";
import { statesOf } from "./states.server";

/**
 * Months a closed saisine keeps its personal data (payload `closedMonths`, default 6). A saisine about
 * a démarche goes earlier, with the démarche's personal data (src/retention/destroy.server.ts).
 */
export const SAISINE_RETENTION_MONTHS = 6;
const DAY = 86_400_000;

/**
 * Retention of the saisines:
 * - closed for `closedMonths` (default 6): personal data destroyed;
 * - open with no message for 12 months: the author is warned; 30 days later, still silent, the
 *   saisine is closed (by the system, without rating) and destroyed.
 */
export const saisineRetentionJob: JobDefinition<{ closedMonths: number }> = {
  name: "saisines.conservation",
  everyMinutes: 24 * 60,
  payload: z.object({ closedMonths: z.number().int().min(1).max(120).default(SAISINE_RETENTION_MONTHS) }).strict(),
  async run({ tx, now, dryRun, payload }) {
    const live = await tx.select().from(saisines).where(isNull(saisines.destroyedAt));
    if (live.length === 0) return { detruites: 0, averties: 0, closes: 0 };
    const stateOf = await statesOf(live, tx);
    const closedBefore = shiftMonths(now, -payload.closedMonths);
    const inactiveBefore = shiftMonths(now, -INACTIVITY_MONTHS);
    let detruites = 0;
    let averties = 0;
    let closes = 0;
    for (const row of live) {
      const state = stateOf(row.id);
      if (state.status === "close") {
        if (state.closedAt && state.closedAt < closedBefore) {
          await destroySaisines(tx, [row.id], now);
          await recordAudit(
            {
              action: "retention.saisine_destroyed",
              role: "job",
              structureId: row.structureId,
              targetType: "saisine",
              targetId: row.id,
            },
            tx,
          );
          detruites += 1;
        }
        continue;
      }
      if (row.lastMessageAt >= inactiveBefore) continue;
      if (!row.inactivityWarnedAt) {
        if (row.authorId) {
          const [author] = await tx.select({ email: users.email }).from(users).where(eq(users.id, row.authorId));
          if (author)
            await jobMail(
              tx,
              saisineMail(
                author.email,
                row.id,
                `une saisine sans message depuis ${INACTIVITY_MONTHS} mois sera close et ses données détruites dans ${INACTIVITY_NOTICE_DAYS} jours`,
              ),
              dryRun,
            );
        }
        await tx.update(saisines).set({ inactivityWarnedAt: now }).where(eq(saisines.id, row.id));
        averties += 1;
      } else if (row.inactivityWarnedAt.getTime() <= now.getTime() - INACTIVITY_NOTICE_DAYS * DAY) {
        // Closed by the system (a closure message), then destroyed.
        await destroySaisines(tx, [row.id], now);
        await recordAudit(
          {
            action: "retention.saisine_closed_inactive",
            role: "job",
            structureId: row.structureId,
            targetType: "saisine",
            targetId: row.id,
          },
          tx,
        );
        closes += 1;
      }
    }
    return { detruites, averties, closes };
  },
};
