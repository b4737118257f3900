import { z } from "zod";
import type { JobDefinition } from "../platform/jobs.server";
import { sealAuditJournal } from "./seals.server";

/**
 * Every 10 minutes, seals the head of the audit journal outside the database (ADR 020): the interval bounds how many
 * of the latest entries could be deleted unnoticed. Nothing is written when no entry was added since the last seal.
 */
export const auditSealJob: JobDefinition = {
  name: "audit.sceau",
  everyMinutes: 10,
  payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async run({ tx, now, dryRun }) {
    const seal = await sealAuditJournal(tx, { now, dryRun });
    return { scelle: seal ? 1 : 0, entrees: seal?.count ?? 0 };
  },
};
