import { and, count, eq, gt } from "drizzle-orm";
import { db, type Queryable } from "../db/client.server";
import { loginAttempts } from "../db/schema";
import { config } from "../platform/config.server";

export function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Wrong second-factor codes are counted under a key of their own: a correct password, which clears
 * the account's password failures, must not reset the count of wrong codes.
 */
export function secondFactorKey(userId: string): string {
  return `2fa:${userId}`;
}

/** Whether too many recent failures were seen for this account or this address. */
export async function loginThrottled(email: string, ip: string, q: Queryable = db()): Promise<boolean> {
  const { LOGIN_WINDOW_MINUTES, LOGIN_MAX_FAILURES_ACCOUNT, LOGIN_MAX_FAILURES_IP } = config();
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);
  const [byAccount] = await q
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.accountKey, accountKey(email)),
        eq(loginAttempts.success, false),
        gt(loginAttempts.at, since),
      ),
    );
  if (byAccount.n >= LOGIN_MAX_FAILURES_ACCOUNT) return true;
  const [byIp] = await q
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, since)));
  return byIp.n >= LOGIN_MAX_FAILURES_IP;
}

export async function recordLoginAttempt(
  email: string,
  ip: string,
  success: boolean,
  q: Queryable = db(),
): Promise<void> {
  await q.insert(loginAttempts).values({ accountKey: accountKey(email), ip, success, at: new Date() });
  if (success) {
    // A successful login clears the account's failures, so a typo earlier does not lock it later.
    await q
      .delete(loginAttempts)
      .where(and(eq(loginAttempts.accountKey, accountKey(email)), eq(loginAttempts.success, false)));
  }
}
