import { eq } from "drizzle-orm";
import { loadActor } from "../acces/actor.server";
import { recordAudit } from "../audit/journal.server";
import { db } from "../db/client.server";
import { users } from "../db/schema";
import { AppError } from "../platform/app-error";
import { config } from "../platform/config.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { secondFactorRequired } from "./second-factor-policy";
import { createSession } from "./session.server";
import { accountKey, claimAttempt, settleAttemptAsSuccess } from "./throttle.server";

export type LoginResult = {
  cookie: string;
  next: "home" | "verify_totp" | "enroll_totp";
  userId: string;
};

/**
 * Checks e-mail and password, with throttling per account and per address, and opens a session.
 * The session is complete only once the second factor is done (or not needed).
 */
export async function login(input: {
  email: string;
  password: string;
  ip: string;
  userAgent: string;
}): Promise<LoginResult> {
  const email = accountKey(input.email);
  const context = { ip: input.ip, userAgent: input.userAgent };
  const attempt = await claimAttempt(email, input.ip);
  if (!attempt) {
    await recordAudit({ action: "auth.login.throttled", ...context });
    throw new AppError("auth.throttled", 429);
  }
  const [user] = await db().select().from(users).where(eq(users.email, email));
  // An unknown or disabled account costs the same hashing time as a known one.
  let ok = false;
  if (user?.passwordHash && !user.disabledAt) ok = await verifyPassword(user.passwordHash, input.password);
  else await verifyAgainstDummy(input.password);
  if (!ok || !user) {
    // The claimed attempt already counts as a failure.
    await recordAudit({
      action: "auth.login.failure",
      targetType: user ? "user" : null,
      targetId: user?.id ?? null,
      ...context,
    });
    throw new AppError("auth.invalid_credentials", 401);
  }
  const actor = await loadActor(user.id, { via: "session" });
  const totpEnabled = user.totpEnabledAt !== null;
  const required = secondFactorRequired(actor?.roles ?? [], config().TOTP_REQUIRED_ROLES, config().DEMO_MODE);
  return db().transaction(async (tx) => {
    await settleAttemptAsSuccess(attempt, tx);
    const session = await createSession(user.id, !totpEnabled && !required, tx);
    await recordAudit({ action: "auth.login.success", actorId: user.id, role: actor?.primaryRole, ...context }, tx);
    return {
      cookie: session.cookie,
      userId: user.id,
      next: totpEnabled ? "verify_totp" : required ? "enroll_totp" : "home",
    };
  });
}

export async function setPassword(userId: string, password: string): Promise<void> {
  await db()
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, userId));
}
