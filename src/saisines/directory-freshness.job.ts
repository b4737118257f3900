import { and, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import { referentGroupHistory, referentGroups } from "../db/schema";
import { jobMail } from "../platform/job-mail.server";
import type { JobDefinition } from "../platform/jobs.server";
import { appLink } from "../platform/mail.server";
import { shiftMonths } from "../retention/retention.rules";
import { groupRecipients } from "./notify.server";
import { coordinateurEmails } from "./reminders.job";

/** Entries not confirmed for this long are flagged to the coordinateur. */
export const STALE_AFTER_MONTHS = 13;
export const CONFIRM_EVERY_MONTHS = 12;

/**
 * Freshness of the referents directory:
 * - each group whose last confirmation is a year old is asked to confirm its entry (once per year;
 *   `guichet referents confirm-request` asks every group now, payload `{ all: true }`);
 * - entries unconfirmed for more than 13 months are flagged to the coordinateur (once).
 */
export const directoryFreshnessJob: JobDefinition<{ all: boolean }> = {
  name: "referents.confirmation",
  everyMinutes: 24 * 60,
  payload: z.object({ all: z.boolean().default(false) }).strict(),
  async run({ tx, now, dryRun, payload }) {
    const yearAgo = shiftMonths(now, -CONFIRM_EVERY_MONTHS);
    const toAsk = await tx
      .select()
      .from(referentGroups)
      .where(
        payload.all
          ? undefined
          : and(
              lt(referentGroups.lastConfirmedAt, yearAgo),
              or(
                isNull(referentGroups.confirmationRequestedAt),
                lt(referentGroups.confirmationRequestedAt, referentGroups.lastConfirmedAt),
              ),
            ),
      );
    for (const group of toAsk) {
      for (const to of await groupRecipients(group.id, tx)) {
        await jobMail(
          tx,
          {
            to,
            subject: "Guichet : confirmez les coordonnées de votre groupe de référents",
            text: `Bonjour,\n\nLes structures France Services s’appuient sur l’annuaire des référents pour vous saisir. Vérifiez les coordonnées, les membres et les consignes de votre groupe, puis confirmez-les :\n\n${appLink(`/referents/${group.id}`)}\n\nGuichet`,
          },
          dryRun,
        );
      }
      await tx.update(referentGroups).set({ confirmationRequestedAt: now }).where(eq(referentGroups.id, group.id));
      await tx.insert(referentGroupHistory).values({ groupId: group.id, change: "confirmation_requested", at: now });
    }
    const stale = await tx
      .select()
      .from(referentGroups)
      .where(
        and(
          lt(referentGroups.lastConfirmedAt, shiftMonths(now, -STALE_AFTER_MONTHS)),
          isNull(referentGroups.staleFlaggedAt),
        ),
      );
    for (const group of stale) {
      for (const to of await coordinateurEmails(tx, group.departement)) {
        await jobMail(
          tx,
          {
            to,
            subject: "Guichet : une entrée de l’annuaire des référents n’est plus confirmée",
            text: `Bonjour,\n\nUn groupe de référents de votre département n’a pas confirmé ses coordonnées depuis plus de ${STALE_AFTER_MONTHS} mois. Vérifiez-le avec le partenaire :\n\n${appLink(`/referents/${group.id}`)}\n\nGuichet`,
          },
          dryRun,
        );
      }
      await tx.update(referentGroups).set({ staleFlaggedAt: now }).where(eq(referentGroups.id, group.id));
    }
    return { demandes: toAsk.length, signalees: stale.length };
  },
};
