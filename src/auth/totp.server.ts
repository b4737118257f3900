import { and, eq, isNull, lt, or } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { recordAudit } from "../audit/journal.server";
import { db, type Tx } from "../db/client.server";
import { recoveryCodes, sessions, users } from "../db/schema";
import { AppError } from "../platform/app-error";
import { config } from "../platform/config.server";
import { randomToken, sha256Hex } from "../platform/crypto.server";
import { secondFactorRequired } from "./second-factor-policy";
import { markSecondFactorDone } from "./session.server";
import { claimAttempt, secondFactorKey, settleAttemptAsSuccess } from "./throttle.server";

const ISSUER = "Guichet";
const RECOVERY_CODE_COUNT = 10;
/** One 30-second step either side, for phones whose clock drifts a little. */
const EPOCH_TOLERANCE_SECONDS = 30;

type Context = { ip?: string; userAgent?: string };

/** The time step of a valid code later than `afterStep`, or null: a code already used is refused. */
async function matchingStep(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epochTolerance: EPOCH_TOLERANCE_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/**
 * Records the accepted step, unless a parallel verification already used it or a later one: the check
 * and the write are one statement, so one code opens one session at most.
 */
async function consumeStep(userId: string, step: number, tx: Tx): Promise<boolean> {
  const updated = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return updated.length === 1;
}

function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

/**
 * The secret the enrolment page shows: fresh for each session that asks, kept on that session only (a
 * reload shows the same one), so someone else who opens the page with the password never sees it.
 */
export async function startEnrollment(actor: Actor): Promise<{ secret: string; uri: string; qrSvg: string }> {
  if (!actor.sessionIdHash) throw new AppError("auth.invalid_totp", 400, "code");
  const [session] = await db()
    .select({ pendingTotpSecret: sessions.pendingTotpSecret })
    .from(sessions)
    .where(eq(sessions.idHash, actor.sessionIdHash));
  let secret = session?.pendingTotpSecret;
  if (!secret) {
    secret = generateSecret();
    await db().update(sessions).set({ pendingTotpSecret: secret }).where(eq(sessions.idHash, actor.sessionIdHash));
  }
  const uri = generateURI({ issuer: ISSUER, label: actor.email, secret });
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

/** Confirms enrolment with a first code; returns the recovery codes, shown once. */
export async function confirmEnrollment(actor: Actor, code: string, context: Context = {}): Promise<string[]> {
  const sessionIdHash = actor.sessionIdHash;
  if (!sessionIdHash) throw new AppError("auth.invalid_totp", 400, "code");
  const [row] = await db()
    .select({ secret: sessions.pendingTotpSecret, enabledAt: users.totpEnabledAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, sessionIdHash), eq(sessions.userId, actor.userId)));
  if (!row?.secret || row.enabledAt) throw new AppError("auth.invalid_totp", 400, "code");
  const secret = row.secret;
  const step = await matchingStep(secret, code, null);
  if (step === null) throw new AppError("auth.invalid_totp", 400, "code");
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = randomToken(8)
      .replace(/[^a-zA-Z0-9]/g, "")
      .slice(0, 10)
      .toLowerCase()
      .padEnd(10, "x");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await db().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: secret, totpEnabledAt: new Date(), totpLastStep: step })
      .where(eq(users.id, actor.userId));
    // Every other pending setup of this user is void: their secrets will never be accepted.
    await tx.update(sessions).set({ pendingTotpSecret: null }).where(eq(sessions.userId, actor.userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.userId));
    await tx
      .insert(recoveryCodes)
      .values(codes.map((clear) => ({ userId: actor.userId, codeHash: sha256Hex(normaliseRecoveryCode(clear)) })));
    if (actor.sessionIdHash) await markSecondFactorDone(actor.sessionIdHash, tx);
    await recordAudit(
      { action: "auth.2fa.enabled", ...auditActor(actor), targetType: "user", targetId: actor.userId, ...context },
      tx,
    );
  });
  return codes;
}

/** Counts wrong codes per user and per address, like passwords; refuses once the limit is reached. */
async function guardSecondFactorAttempts(
  actor: Actor,
  context: Context,
): Promise<{ succeeded(tx: Tx): Promise<void> }> {
  const attempt = await claimAttempt(secondFactorKey(actor.userId), context.ip ?? "unknown");
  if (!attempt) {
    await recordAudit({
      action: "auth.login.throttled",
      ...auditActor(actor),
      targetType: "user",
      targetId: actor.userId,
      ...context,
    });
    throw new AppError("auth.throttled", 429);
  }
  return {
    // A wrong code needs nothing more: the claimed attempt already counts as a failure.
    succeeded: (tx) => settleAttemptAsSuccess(attempt, tx),
  };
}

/** The error for a wrong code: a 6-digit input was meant as a TOTP code, anything else as a recovery code. */
function wrongCodeError(code: string): AppError {
  return /^\d{6}$/.test(code.replace(/\s/g, ""))
    ? new AppError("auth.invalid_totp", 400, "code")
    : new AppError("auth.invalid_recovery_code", 400, "code");
}

/** The login's second step: a TOTP code, or one unused recovery code. Wrong codes are throttled. */
export async function verifySecondFactor(actor: Actor, code: string, context: Context = {}): Promise<void> {
  const [user] = await db().select().from(users).where(eq(users.id, actor.userId));
  if (!user?.totpSecret || !user.totpEnabledAt || !actor.sessionIdHash)
    throw new AppError("auth.invalid_totp", 400, "code");
  const sessionIdHash = actor.sessionIdHash;
  const attempts = await guardSecondFactorAttempts(actor, context);
  const step = await matchingStep(user.totpSecret, code, user.totpLastStep);
  if (step !== null) {
    await db().transaction(async (tx) => {
      if (!(await consumeStep(actor.userId, step, tx))) throw new AppError("auth.invalid_totp", 400, "code");
      await markSecondFactorDone(sessionIdHash, tx);
      await attempts.succeeded(tx);
      await recordAudit(
        { action: "auth.2fa.verified", ...auditActor(actor), targetType: "user", targetId: actor.userId, ...context },
        tx,
      );
    });
    return;
  }
  const used = await db().transaction(async (tx) => {
    const consumed = await tx
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(recoveryCodes.userId, actor.userId),
          eq(recoveryCodes.codeHash, sha256Hex(normaliseRecoveryCode(code))),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    if (consumed.length === 0) return false;
    await markSecondFactorDone(sessionIdHash, tx);
    await attempts.succeeded(tx);
    await recordAudit(
      {
        action: "auth.2fa.recovery_code_used",
        ...auditActor(actor),
        targetType: "user",
        targetId: actor.userId,
        ...context,
      },
      tx,
    );
    return true;
  });
  if (!used) throw wrongCodeError(code);
}

/**
 * Turns the second factor off at the user's request, confirmed by a current code. Refused when the
 * user's roles require it.
 */
export async function disableSecondFactor(actor: Actor, code: string, context: Context = {}): Promise<void> {
  if (secondFactorRequired(actor.roles, config().TOTP_REQUIRED_ROLES, config().DEMO_MODE)) {
    throw new AppError("auth.second_factor_required", 403);
  }
  const [user] = await db().select().from(users).where(eq(users.id, actor.userId));
  if (!user?.totpSecret || !user.totpEnabledAt) throw new AppError("auth.invalid_totp", 400, "code");
  const attempts = await guardSecondFactorAttempts(actor, context);
  const step = await matchingStep(user.totpSecret, code, user.totpLastStep);
  if (step === null) throw new AppError("auth.invalid_totp", 400, "code");
  await db().transaction(async (tx) => {
    if (!(await consumeStep(actor.userId, step, tx))) throw new AppError("auth.invalid_totp", 400, "code");
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, actor.userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.userId));
    await attempts.succeeded(tx);
    await recordAudit(
      { action: "auth.2fa.disabled", ...auditActor(actor), targetType: "user", targetId: actor.userId, ...context },
      tx,
    );
  });
}

/** Whether the user may turn their second factor off (their roles do not require it). */
export function canDisableSecondFactor(actor: Actor): boolean {
  return actor.totpEnabled && !secondFactorRequired(actor.roles, config().TOTP_REQUIRED_ROLES, config().DEMO_MODE);
}

export async function remainingRecoveryCodes(userId: string): Promise<number> {
  const rows = await db()
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}

/** Removes a user's second factor (lost phone): every session ends, enrolment starts again. */
export async function resetSecondFactor(actor: Actor, email: string, context: Context = {}): Promise<void> {
  await db().transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
    if (!user) throw new AppError("user.not_found", 404);
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await recordAudit(
      { action: "auth.2fa.reset", ...auditActor(actor), targetType: "user", targetId: user.id, ...context },
      tx,
    );
  });
}
