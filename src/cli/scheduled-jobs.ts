import { fileAttentePurgeJob } from "../accueil/file-attente-purge.job";
import { auditSealJob } from "../audit/seal.job";
import { housekeepingJob } from "../auth/housekeeping.job";
import { reminderDigestJob } from "../demarches/reminder-digest.job";
import { mandatExpiryWarningJob } from "../mandats/expiry-warning.job";
import { foldRollupsJob } from "../pilotage/rollups.server";
import type { JobDefinition } from "../platform/jobs.server";
import { retentionJob } from "../retention/retention.job";
import { directoryFreshnessJob } from "../saisines/directory-freshness.job";
import { saisineRemindersJob } from "../saisines/reminders.job";
import { saisineRetentionJob } from "../saisines/retention.job";
import { rotateEncryptionJob } from "../usagers/rotate-keys.job";

/** Every job the scheduler of `guichet serve` runs. */
export const SCHEDULED_JOBS: JobDefinition[] = [
  housekeepingJob,
  foldRollupsJob,
  fileAttentePurgeJob,
  retentionJob,
  reminderDigestJob,
  mandatExpiryWarningJob,
  rotateEncryptionJob,
  saisineRemindersJob,
  directoryFreshnessJob as unknown as JobDefinition,
  saisineRetentionJob as unknown as JobDefinition,
  auditSealJob,
];
