import { and, eq, exists, gte, inArray, isNotNull, isNull, lt, lte, not, notInArray, or } from "drizzle-orm";
import { z } from "zod";
import type { AuditAction } from "../audit/actions";
import { recordAudit } from "../audit/journal.server";
import type { Tx } from "../db/client.server";
import { demarches, mandats, usagers, users } from "../db/schema";
import { CLOSED_STATUTS } from "../donnees-personnelles/demarches.labels";
import { mandatEnd } from "../donnees-personnelles/mandats.rules";
import { config } from "../platform/config.server";
import { jobMail } from "../platform/job-mail.server";
import type { JobDefinition } from "../platform/jobs.server";
import { appLink } from "../platform/mail.server";
import { frenchDate, parisDay } from "../platform/time";
import { destroyDemarches, destroyMandats, destroyUsagers } from "./destroy.server";
import { inactiveDestructionDate, retentionCutoffs } from "./retention.rules";

async function journal(
  tx: Tx,
  action: AuditAction,
  targetType: "demarche" | "usager" | "mandat",
  rows: Array<{ id: string; structureId: string }>,
): Promise<void> {
  for (const row of rows)
    await recordAudit({ action, role: "job", targetType, targetId: row.id, structureId: row.structureId }, tx);
}

/**
 * Destruction of personal data that no longer serves (convention art. 4.6, "mandat type"):
 * flags inactive démarches, closes and destroys those still inactive 30 days later, destroys
 * closed démarches after the grace period, usager files nothing needs, mandates past their proof
 * period. Each run is recorded in job_runs with its counts; `guichet retention run --dry-run`
 * shows them without changing anything.
 */
export const retentionJob: JobDefinition = {
  name: "retention.destruction",
  everyMinutes: 60,
  payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async run({ tx, now, dryRun }) {
    const { RETENTION_GRACE_DAYS, RETENTION_MANDAT_PROOF_MONTHS } = config();
    const cutoffs = retentionCutoffs(now, {
      graceDays: RETENTION_GRACE_DAYS,
      mandatProofMonths: RETENTION_MANDAT_PROOF_MONTHS,
    });
    const open = and(isNull(demarches.destroyedAt), notInArray(demarches.statut, [...CLOSED_STATUTS]));

    // 1. Twelve months without activity: the agent in charge is told (a link, nothing else).
    const toFlag = await tx
      .update(demarches)
      .set({ inactivityFlaggedAt: now })
      .where(and(open, isNull(demarches.inactivityFlaggedAt), lt(demarches.lastActivityAt, cutoffs.inactiveSince)))
      .returning({ id: demarches.id, agentId: demarches.agentId });
    if (toFlag.length) {
      const agents = await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(inArray(users.id, [...new Set(toFlag.map((row) => row.agentId))]));
      for (const row of toFlag) {
        const agent = agents.find((candidate) => candidate.id === row.agentId);
        if (!agent) continue;
        await jobMail(
          tx,
          {
            to: agent.email,
            subject: "Guichet : une démarche sans activité depuis 12 mois",
            text: `Bonjour,\n\nUne démarche que vous suivez n’a connu aucune activité depuis 12 mois. Sans nouvelle action de votre part, elle sera close et ses données personnelles détruites le ${frenchDate(parisDay(inactiveDestructionDate(now)))}.\n\n${appLink(`/demarches/${row.id}`)}\n\nGuichet`,
          },
          dryRun,
        );
      }
    }

    // 2. Still inactive 30 days after the warning: closed (abandonnée) and destroyed.
    const inactive = await tx
      .select({ id: demarches.id, structureId: demarches.structureId })
      .from(demarches)
      .where(
        and(
          open,
          isNotNull(demarches.inactivityFlaggedAt),
          lte(demarches.inactivityFlaggedAt, cutoffs.flaggedBefore),
          lte(demarches.lastActivityAt, demarches.inactivityFlaggedAt),
        ),
      );
    await destroyDemarches(
      tx,
      inactive.map((row) => row.id),
      now,
    );
    await journal(tx, "retention.demarche_closed_inactive", "demarche", inactive);

    // 3. Terminée or abandonnée for longer than the grace period.
    const closed = await tx
      .select({ id: demarches.id, structureId: demarches.structureId })
      .from(demarches)
      .where(
        and(
          isNull(demarches.destroyedAt),
          inArray(demarches.statut, [...CLOSED_STATUTS]),
          lte(demarches.closedAt, cutoffs.closedBefore),
        ),
      );
    await destroyDemarches(
      tx,
      closed.map((row) => row.id),
      now,
    );
    await journal(tx, "retention.demarche_destroyed", "demarche", closed);

    // 4. Usager files that no live démarche and no running mandate needs.
    const today = parisDay(now);
    const liveDemarche = tx
      .select({ id: demarches.id })
      .from(demarches)
      .where(and(eq(demarches.usagerId, usagers.id), isNull(demarches.destroyedAt)));
    const runningMandat = tx
      .select({ id: mandats.id })
      .from(mandats)
      .where(
        and(
          eq(mandats.usagerId, usagers.id),
          isNull(mandats.revokedAt),
          isNull(mandats.endedAt),
          isNull(mandats.destroyedAt),
          gte(mandats.expiresOn, today),
        ),
      );
    const idle = await tx
      .select({ id: usagers.id, structureId: usagers.structureId })
      .from(usagers)
      .where(
        and(lte(usagers.updatedAt, cutoffs.usagerIdleBefore), not(exists(liveDemarche)), not(exists(runningMandat))),
      );
    await destroyUsagers(
      tx,
      idle.map((row) => row.id),
    );
    await journal(tx, "retention.usager_destroyed", "usager", idle);

    // 5. Mandates whose proof period is over.
    const ended = await tx
      .select()
      .from(mandats)
      .where(
        and(
          isNull(mandats.destroyedAt),
          or(isNotNull(mandats.revokedAt), isNotNull(mandats.endedAt), lt(mandats.expiresOn, today)),
        ),
      );
    const expired = ended.filter((row) => {
      const end = mandatEnd(row, today);
      return end !== null && end.getTime() <= cutoffs.mandatEndedBefore.getTime();
    });
    await destroyMandats(
      tx,
      expired.map((row) => row.id),
      now,
    );
    await journal(tx, "retention.mandat_destroyed", "mandat", expired);

    return {
      demarchesSignalees: toFlag.length,
      demarchesInactivesDetruites: inactive.length,
      demarchesDetruites: closed.length,
      usagersDetruits: idle.length,
      mandatsDetruits: expired.length,
    };
  },
};
