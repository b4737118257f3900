import { shiftDay } from "../platform/time";
import type { MandatStatut, VerificationResult } from "./mandats.labels";

/**
 * The mandate's life ("mandat type", 003): it ends when its démarches are done, otherwise after one
 * year; it can be renewed for another year and revoked at any time. Pure rules, tested beside.
 */

/** The last day a mandate signed (or renewed) on `day` is valid: one year, that day excluded. */
export function validUntil(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const year = date.getUTCFullYear() + 1;
  const next = new Date(Date.UTC(year, date.getUTCMonth(), date.getUTCDate()));
  // 29 February: one year later is 1 March, whose day before is 28 February.
  return shiftDay(next.toISOString().slice(0, 10), -1);
}

export type MandatDates = {
  signedOn: string | null;
  expiresOn: string;
  endedAt: Date | null;
  revokedAt: Date | null;
};

/** The status on a Paris day, computed from the recorded facts (never stored, so it never drifts). */
export function mandatStatus(mandat: MandatDates, today: string): MandatStatut {
  if (mandat.revokedAt) return "revoque";
  if (mandat.endedAt) return "termine";
  if (today > mandat.expiresOn) return "expire";
  if (!mandat.signedOn) return "en_attente_signature";
  return "valide";
}

export function isActive(mandat: MandatDates, today: string): boolean {
  return mandatStatus(mandat, today) === "valide";
}

/**
 * Renewal ("valable un an renouvelable") needs a signed mandate that is valid or expired, or that
 * ended with its démarches while one it still covers has reopened since: reopening a démarche never
 * revives the mandate by itself, the usager agrees again (renewal) or signs a new one.
 */
export function isRenewable(status: MandatStatut, signedOn: string | null, coversOpenDemarche: boolean): boolean {
  if (!signedOn) return false;
  if (status === "termine") return coversOpenDemarche;
  return status === "valide" || status === "expire";
}

/** The public answer: valid, revoked, expired (a mandate whose démarches are done has expired), or not yet signed. */
export function verificationResult(status: MandatStatut): VerificationResult {
  if (status === "termine") return "expire";
  return status;
}

/** When a mandate stopped being valid (start of its proof retention), or null while it runs. */
export function mandatEnd(mandat: MandatDates, today: string): Date | null {
  const ends = [mandat.revokedAt, mandat.endedAt].filter((date): date is Date => date !== null);
  if (today > mandat.expiresOn) ends.push(new Date(`${shiftDay(mandat.expiresOn, 1)}T00:00:00Z`));
  if (ends.length === 0) return null;
  return new Date(Math.min(...ends.map((date) => date.getTime())));
}

/** Expiry warning: 30 days before the last valid day. */
export const EXPIRY_WARNING_DAYS = 30;

export function dueForExpiryWarning(mandat: MandatDates & { expiryWarnedAt: Date | null }, today: string): boolean {
  return (
    mandatStatus(mandat, today) === "valide" &&
    mandat.expiryWarnedAt === null &&
    shiftDay(today, EXPIRY_WARNING_DAYS) >= mandat.expiresOn
  );
}
