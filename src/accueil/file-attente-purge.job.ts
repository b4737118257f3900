import { and, isNotNull, lt } from "drizzle-orm";
import { z } from "zod";
import { fileAttente } from "../db/schema";
import type { JobDefinition } from "../platform/jobs.server";
import { parisDay } from "../platform/time";

/**
 * First names of the waiting list are personal data kept for the day only: from the next Paris
 * day on, they are blanked (the ticket number, times and link to the passage stay, anonymous).
 * It runs every hour so that, whenever the server starts, no first name outlives the night by more
 * than an hour; each run is recorded in job_runs with the number of names blanked.
 */
export const fileAttentePurgeJob: JobDefinition = {
  name: "accueil.file_attente.purge_prenoms",
  everyMinutes: 60,
  payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async run({ tx, now }) {
    const blanked = await tx
      .update(fileAttente)
      .set({ prenom: null })
      .where(and(isNotNull(fileAttente.prenom), lt(fileAttente.jour, parisDay(now))))
      .returning({ id: fileAttente.id });
    return { prenoms: blanked.length };
  },
};
