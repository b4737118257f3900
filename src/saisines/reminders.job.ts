import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { activeAssignmentFilter } from "../acces/actor.server";
import type { Tx } from "../db/client.server";
import { roleAssignments, saisines, users } from "../db/schema";
import { jobMail } from "../platform/job-mail.server";
import type { JobDefinition } from "../platform/jobs.server";
import { deadlineView } from "./deadlines";
import { groupRecipients, saisineMail } from "./notify.server";
import { statesOf } from "./states.server";
import { addWorkingDays } from "./working-days";

/** The coordinateurs of a département in force today (their e-mails). */
export async function coordinateurEmails(tx: Tx, departement: string): Promise<string[]> {
  const rows = await tx
    .select({ email: users.email })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.role, "coordinateur"),
        eq(roleAssignments.departement, departement),
        activeAssignmentFilter(),
        isNull(users.disabledAt),
      ),
    );
  return [...new Set(rows.map((row) => row.email))];
}

/**
 * Deadline reminders: when the deadline in force (first answer, then resolution) passes, the group
 * it is addressed to gets a reminder; one working day later, the coordinateur of the département.
 * Each deadline is reminded once (the due instant reminded is kept on the saisine).
 */
export const saisineRemindersJob: JobDefinition = {
  name: "saisines.relances",
  everyMinutes: 60,
  payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async run({ tx, now, dryRun }) {
    const open = await tx.select().from(saisines).where(isNull(saisines.destroyedAt));
    if (open.length === 0) return { groupes: 0, coordinateurs: 0 };
    const stateOf = await statesOf(open, tx);
    let groupes = 0;
    let coordinateurs = 0;
    for (const row of open) {
      const state = stateOf(row.id);
      const { dueAt, late } = deadlineView(row, state, now);
      if (!dueAt || !late) continue;
      if (row.remindedDueAt?.getTime() !== dueAt.getTime()) {
        for (const to of await groupRecipients(state.groupId, tx))
          await jobMail(
            tx,
            saisineMail(to, row.id, "une saisine adressée à votre groupe a dépassé son échéance"),
            dryRun,
          );
        await tx.update(saisines).set({ remindedDueAt: dueAt }).where(eq(saisines.id, row.id));
        groupes += 1;
      }
      if (
        row.escalatedDueAt?.getTime() !== dueAt.getTime() &&
        now.getTime() >= addWorkingDays(dueAt, 1, row.departement).getTime()
      ) {
        for (const to of await coordinateurEmails(tx, row.departement))
          await jobMail(
            tx,
            saisineMail(
              to,
              row.id,
              "une saisine de votre département attend une réponse du partenaire depuis son échéance",
            ),
            dryRun,
          );
        await tx.update(saisines).set({ escalatedDueAt: dueAt }).where(eq(saisines.id, row.id));
        coordinateurs += 1;
      }
    }
    return { groupes, coordinateurs };
  },
};
