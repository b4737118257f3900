/**
 * Retention periods (docs/rgpd.md), as pure functions of "now" and the configuration.
 * - a démarche terminée or abandonnée keeps its personal data for a grace period (default 7 days);
 * - a démarche without activity for 12 months is flagged to its agent, then closed and destroyed
 *   30 days later unless something happens;
 * - an usager file goes once no live démarche and no running mandate needs it (after the same grace);
 * - an ended mandate is kept for proof for a configurable period (default 60 months), then destroyed.
 */
export const INACTIVITY_MONTHS = 12;
export const INACTIVITY_NOTICE_DAYS = 30;
const DAY_MS = 86_400_000;

export type RetentionSettings = { graceDays: number; mandatProofMonths: number };

export function shiftMonths(at: Date, months: number): Date {
  const date = new Date(at.getTime());
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date;
}

export type RetentionCutoffs = {
  /** Closed before this instant: the démarche's personal data goes. */
  closedBefore: Date;
  /** No activity since this instant: the démarche is flagged. */
  inactiveSince: Date;
  /** Flagged before this instant (and still inactive): closed and destroyed. */
  flaggedBefore: Date;
  /** Usager file untouched since this instant (and needed by nothing): destroyed. */
  usagerIdleBefore: Date;
  /** Mandate ended before this instant: its proof period is over. */
  mandatEndedBefore: Date;
};

export function retentionCutoffs(now: Date, settings: RetentionSettings): RetentionCutoffs {
  const grace = new Date(now.getTime() - settings.graceDays * DAY_MS);
  return {
    closedBefore: grace,
    inactiveSince: shiftMonths(now, -INACTIVITY_MONTHS),
    flaggedBefore: new Date(now.getTime() - INACTIVITY_NOTICE_DAYS * DAY_MS),
    usagerIdleBefore: grace,
    mandatEndedBefore: shiftMonths(now, -settings.mandatProofMonths),
  };
}

/** The day the data of a flagged démarche will be destroyed if nothing happens. */
export function inactiveDestructionDate(flaggedAt: Date): Date {
  return new Date(flaggedAt.getTime() + INACTIVITY_NOTICE_DAYS * DAY_MS);
}
