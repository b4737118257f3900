import { and, count, eq, gt, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/journal.server";
import { db } from "../db/client.server";
import { passwordResetTokens, users } from "../db/schema";
import { AppError } from "../platform/app-error";
import { randomToken, sha256Hex } from "../platform/crypto.server";
import { appLink, sendMail } from "../platform/mail.server";
import { revokeAllApiTokens } from "./api-tokens.server";
import { hashPassword } from "./password.server";
import { destroyAllSessions } from "./session.server";
import { accountKey } from "./throttle.server";

export const RESET_TOKEN_MINUTES = 30;
/** Requests beyond this number per account and per hour are dropped without a word. */
export const RESET_MAX_PER_HOUR = 3;

type Context = { ip?: string; userAgent?: string };

/**
 * Starts a password reset. The caller answers the same thing whether the address is known or not
 * (no account enumeration): this function returns nothing and says nothing.
 * When the account exists (and is active), a single-use link valid 30 minutes is e-mailed; only the
 * token's sha256 is stored. The mail carries the link and nothing personal.
 */
export async function requestPasswordReset(input: { email: string } & Context): Promise<void> {
  const email = accountKey(input.email);
  const [user] = await db()
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, email));
  if (!user || user.disabledAt) return;
  const now = Date.now();
  const [recent] = await db()
    .select({ n: count() })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.userId, user.id), gt(passwordResetTokens.createdAt, new Date(now - 3_600_000))));
  if (recent.n >= RESET_MAX_PER_HOUR) return;
  const token = randomToken();
  await db().transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({
      tokenHash: sha256Hex(token),
      userId: user.id,
      createdAt: new Date(now),
      expiresAt: new Date(now + RESET_TOKEN_MINUTES * 60_000),
    });
    await recordAudit(
      {
        action: "auth.password_reset.requested",
        targetType: "user",
        targetId: user.id,
        ip: input.ip,
        userAgent: input.userAgent,
      },
      tx,
    );
  });
  await sendMail({
    to: email,
    subject: "Réinitialisation de votre mot de passe Guichet",
    text: [
      "Bonjour,",
      "",
      "Une demande de réinitialisation du mot de passe de votre compte Guichet a été faite.",
      `Pour choisir un nouveau mot de passe, ouvrez ce lien dans les ${RESET_TOKEN_MINUTES} minutes :`,
      "",
      appLink(`/reinitialiser/${token}`),
      "",
      "Le lien ne sert qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
      "",
      "Guichet — le logiciel des France Services",
    ].join("\n"),
  });
}

function tokenHash(token: string): string | null {
  return token.length > 0 && token.length <= 100 ? sha256Hex(token) : null;
}

/** Whether a reset link can still be used (unknown, used or expired links cannot). */
export async function resetTokenIsValid(token: string): Promise<boolean> {
  const hash = tokenHash(token);
  if (!hash) return false;
  const [row] = await db()
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(
      and(
        eq(passwordResetTokens.tokenHash, hash),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, new Date()),
        isNull(users.disabledAt),
      ),
    );
  return Boolean(row);
}

/**
 * Sets a new password with a reset link. The link is consumed atomically (single use), every other
 * pending link of the account is spent too, every session of the user ends and every API token of
 * the user is revoked.
 */
export async function completePasswordReset(
  input: { token: string; password: string } & Context,
): Promise<{ userId: string }> {
  const hash = tokenHash(input.token);
  if (!hash) throw new AppError("auth.invalid_token", 400);
  const passwordHash = await hashPassword(input.password);
  return db().transaction(async (tx) => {
    const now = new Date();
    const [consumed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hash),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResetTokens.userId });
    if (!consumed) throw new AppError("auth.invalid_token", 400);
    const updated = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, consumed.userId), isNull(users.disabledAt)))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AppError("auth.invalid_token", 400);
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.userId, consumed.userId), isNull(passwordResetTokens.usedAt)));
    await destroyAllSessions(consumed.userId, tx);
    // A reset says the password may be known to someone else, who may have made or copied a token (ADR 004).
    await revokeAllApiTokens(
      consumed.userId,
      { actorId: consumed.userId, ip: input.ip, userAgent: input.userAgent },
      tx,
    );
    await recordAudit(
      {
        action: "auth.password_reset.completed",
        actorId: consumed.userId,
        targetType: "user",
        targetId: consumed.userId,
        ip: input.ip,
        userAgent: input.userAgent,
      },
      tx,
    );
    return { userId: consumed.userId };
  });
}
