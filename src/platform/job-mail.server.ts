import type { Tx } from "../db/client.server";
import { outbox } from "../db/schema";
import { config } from "./config.server";
import { type Mail, sendMail } from "./mail.server";

/**
 * Mail from a job: inside the job's transaction when it goes to the local outbox (demo mode), so a
 * dry run or a failed run sends nothing; through SMTP otherwise, never during a dry run.
 * Rule: a link, never an usager's personal data.
 */
export async function jobMail(tx: Tx, mail: Mail, dryRun: boolean): Promise<void> {
  if (dryRun) return;
  if (!config().SMTP_URL) {
    await tx.insert(outbox).values(mail);
    return;
  }
  await sendMail(mail);
}
