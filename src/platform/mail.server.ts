import nodemailer, { type Transporter } from "nodemailer";
import { db } from "../db/client.server";
import { outbox } from "../db/schema";
import { config } from "./config.server";
import { logger } from "./logger.server";

/**
 * Sends a plain-text e-mail. Without SMTP_URL (demo mode), the mail is kept in the local outbox
 * that administrators read at /admin/outbox.
 * Rule (convention art. 4.6): an e-mail carries a link, never an usager's personal data.
 */
export type Mail = { to: string; subject: string; text: string };

const TRANSPORT_KEY = Symbol.for("guichet.mail");
type Holder = { [TRANSPORT_KEY]?: Transporter };

function transport(url: string): Transporter {
  const holder = globalThis as Holder;
  holder[TRANSPORT_KEY] ??= nodemailer.createTransport(url);
  return holder[TRANSPORT_KEY];
}

export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = config();
  if (!SMTP_URL) {
    await db().insert(outbox).values(mail);
    return;
  }
  await transport(SMTP_URL).sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
  logger().info({ subject: mail.subject }, "mail sent");
}

/** An absolute link to a page of Guichet, for e-mails. */
export function appLink(path: string): string {
  return new URL(path, config().PUBLIC_URL).toString();
}
