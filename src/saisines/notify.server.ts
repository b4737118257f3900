import { eq, inArray } from "drizzle-orm";
import { db, type Queryable } from "../db/client.server";
import { referentGroupMembers, referentGroups, users } from "../db/schema";
import { appLink, sendMail } from "../platform/mail.server";

/** The addresses of a group: its shared mailbox and its members (deduplicated). */
export async function groupRecipients(groupId: string, q: Queryable = db()): Promise<string[]> {
  const [group] = await q
    .select({ mailbox: referentGroups.mailbox })
    .from(referentGroups)
    .where(eq(referentGroups.id, groupId));
  if (!group) return [];
  const members = await q
    .select({ email: users.email, disabledAt: users.disabledAt })
    .from(referentGroupMembers)
    .innerJoin(users, eq(users.id, referentGroupMembers.userId))
    .where(eq(referentGroupMembers.groupId, groupId));
  return [...new Set([group.mailbox, ...members.filter((m) => !m.disabledAt).map((m) => m.email)])];
}

export async function userEmails(userIds: string[], q: Queryable = db()): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await q.select({ email: users.email }).from(users).where(inArray(users.id, userIds));
  return rows.map((row) => row.email);
}

/**
 * A saisine's notification: a fixed subject and a link, never the usager's name, the subject typed
 * by the agent or any identifier (convention art. 4.6).
 */
export function saisineMail(to: string, saisineId: string, what: string) {
  return {
    to,
    subject: `Guichet : ${what}`,
    text: `Bonjour,\n\n${what[0].toUpperCase()}${what.slice(1)}. Connectez-vous pour la consulter :\n\n${appLink(`/saisines/${saisineId}`)}\n\nGuichet`,
  };
}

export async function notify(addresses: string[], saisineId: string, what: string): Promise<void> {
  for (const to of addresses) await sendMail(saisineMail(to, saisineId, what));
}
