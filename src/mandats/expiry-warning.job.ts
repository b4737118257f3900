import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { mandats, users } from "../db/schema";
import { dueForExpiryWarning, EXPIRY_WARNING_DAYS } from "../donnees-personnelles/mandats.rules";
import { jobMail } from "../platform/job-mail.server";
import type { JobDefinition } from "../platform/jobs.server";
import { appLink } from "../platform/mail.server";
import { frenchDate, parisDay } from "../platform/time";

/** 30 days before a valid mandate expires, its mandataire receives a link (once; a renewal re-arms it). */
export const mandatExpiryWarningJob: JobDefinition = {
  name: "mandats.alerte_echeance",
  everyMinutes: 24 * 60,
  payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async run({ tx, now, dryRun }) {
    const today = parisDay(now);
    const candidates = await tx
      .select()
      .from(mandats)
      .where(
        and(
          isNull(mandats.revokedAt),
          isNull(mandats.endedAt),
          isNull(mandats.destroyedAt),
          isNull(mandats.expiryWarnedAt),
        ),
      );
    const due = candidates.filter((row) => dueForExpiryWarning(row, today));
    if (due.length === 0) return { mandats: 0 };
    const agents = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.id, [...new Set(due.map((row) => row.agentId))]));
    for (const row of due) {
      const agent = agents.find((candidate) => candidate.id === row.agentId);
      if (agent) {
        await jobMail(
          tx,
          {
            to: agent.email,
            subject: "Guichet : un mandat arrive à échéance",
            text: `Bonjour,\n\nUn mandat dont vous êtes le mandataire expire le ${frenchDate(row.expiresOn)} (dans ${EXPIRY_WARNING_DAYS} jours au plus). S’il doit continuer, renouvelez-le avec l’usager.\n\n${appLink(`/mandats/${row.id}`)}\n\nGuichet`,
          },
          dryRun,
        );
      }
      await tx.update(mandats).set({ expiryWarnedAt: now }).where(eq(mandats.id, row.id));
    }
    return { mandats: due.length };
  },
};
