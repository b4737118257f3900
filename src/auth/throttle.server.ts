import { and, count, eq, gt, sql } from "drizzle-orm";
import { db, type Queryable, queryRows } from "../db/client.server";
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

/** An attempt recorded before its secret is checked: it counts as a failure until settled as a success. */
export type ClaimedAttempt = { id: string; key: string };

/**
 * Checks the limits and records the attempt in one atomic step: the claims on one account and on one
 * address are serialised by transaction-scoped advisory locks, so N parallel attempts see each other and
 * at most the limit of them go on to have their secret checked. Null when the limit is reached.
 */
export async function claimAttempt(key: string, ip: string): Promise<ClaimedAttempt | null> {
  const { LOGIN_WINDOW_MINUTES, LOGIN_MAX_FAILURES_ACCOUNT, LOGIN_MAX_FAILURES_IP } = config();
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);
  const account = accountKey(key);
  return db().transaction(async (tx) => {
    // Always in the same order (account, then address), so two claims never wait on each other crosswise.
    await queryRows(
      tx,
      sql`select pg_advisory_xact_lock(hashtext(${`throttle:account:${account}`})), pg_advisory_xact_lock(hashtext(${`throttle:ip:${ip}`}))`,
    );
    const recentFailures = (column: typeof loginAttempts.accountKey | typeof loginAttempts.ip, value: string) =>
      tx
        .select({ n: count() })
        .from(loginAttempts)
        .where(and(eq(column, value), eq(loginAttempts.success, false), gt(loginAttempts.at, since)));
    const [byAccount] = await recentFailures(loginAttempts.accountKey, account);
    if (byAccount.n >= LOGIN_MAX_FAILURES_ACCOUNT) return null;
    const [byIp] = await recentFailures(loginAttempts.ip, ip);
    if (byIp.n >= LOGIN_MAX_FAILURES_IP) return null;
    const [row] = await tx
      .insert(loginAttempts)
      .values({ accountKey: account, ip, success: false, at: new Date() })
      .returning({ id: loginAttempts.id });
    return { id: row.id, key: account };
  });
}

/** The secret was right: the attempt is a success, and the account's earlier failures are forgiven. */
export async function settleAttemptAsSuccess(attempt: ClaimedAttempt, q: Queryable = db()): Promise<void> {
  await q.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attempt.id));
  // A typo earlier must not lock the account later.
  await q.delete(loginAttempts).where(and(eq(loginAttempts.accountKey, attempt.key), eq(loginAttempts.success, false)));
}
