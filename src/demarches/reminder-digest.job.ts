import { and, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { users } from "../db/schema";
import { jobMail } from "../platform/job-mail.server";
import type { JobDefinition } from "../platform/jobs.server";
import { appLink } from "../platform/mail.server";
import { dueDemarchesByAgent } from "./list-demarches.server";

/**
 * Once a day, each agent with démarches whose next step has come receives one e-mail: links to
 * their "à faire" list and to each démarche, never a name or a title.
 */
export const reminderDigestJob: JobDefinition = {
  name: "demarches.rappels",
  everyMinutes: 24 * 60,
  payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async run({ tx, now, dryRun }) {
    const due = await dueDemarchesByAgent(tx, now);
    if (due.size === 0) return { agents: 0, demarches: 0 };
    const agents = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(inArray(users.id, [...due.keys()]), isNull(users.disabledAt)));
    let count = 0;
    for (const agent of agents) {
      const ids = due.get(agent.id) ?? [];
      count += ids.length;
      const links = ids.slice(0, 50).map((id) => `- ${appLink(`/demarches/${id}`)}`);
      await jobMail(
        tx,
        {
          to: agent.email,
          subject: `Guichet : ${ids.length} démarche${ids.length > 1 ? "s" : ""} à traiter`,
          text: [
            "Bonjour,",
            "",
            `${ids.length} démarche${ids.length > 1 ? "s attendent" : " attend"} une action de votre part aujourd’hui.`,
            "",
            `Votre liste « à faire » : ${appLink("/demarches")}`,
            "",
            ...links,
            ...(ids.length > 50 ? [`… et ${ids.length - 50} autres dans votre liste.`] : []),
            "",
            "Guichet",
          ].join("\n"),
        },
        dryRun,
      );
    }
    return { agents: agents.length, demarches: count };
  },
};
