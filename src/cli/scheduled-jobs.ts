import { housekeepingJob } from "../comptes/housekeeping.job";
import type { JobDefinition } from "../platform/jobs.server";
import { foldRollupsJob } from "../pilotage/rollups.server";
import { fileAttentePurgeJob } from "../accueil/file-attente-purge.job";

/** Every job the scheduler of `guichet serve` runs. */
export const SCHEDULED_JOBS: JobDefinition[] = [housekeepingJob, foldRollupsJob, fileAttentePurgeJob];
