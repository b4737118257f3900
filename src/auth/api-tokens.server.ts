import { and, eq, isNull } from "drizzle-orm";
import { TOKEN_PREFIX } from "../acces/api-token-actor.server";
import { recordAudit } from "../audit/journal.server";
import { db, type Queryable } from "../db/client.server";
import { apiTokens, users } from "../db/schema";
import { AppError } from "../platform/app-error";
import { randomToken, sha256Hex } from "../platform/crypto.server";
import { isUuid } from "../platform/validation";

/** Creates an API token for a user. The clear token is returned once and stored only hashed. */
export async function createApiToken(
  input: { email: string; name: string; actorId?: string | null; actorRole?: string | null },
  q: Queryable = db(),
): Promise<{ id: string; token: string; userId: string }> {
  return q.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, input.email.trim().toLowerCase()));
    if (!user) throw new AppError("user.not_found", 404);
    const token = TOKEN_PREFIX + randomToken();
    const [row] = await tx
      .insert(apiTokens)
      .values({ userId: user.id, name: input.name, tokenHash: sha256Hex(token) })
      .returning({ id: apiTokens.id });
    await recordAudit(
      {
        action: "api_token.created",
        actorId: input.actorId ?? null,
        role: input.actorRole ?? null,
        targetType: "api_token",
        targetId: row.id,
      },
      tx,
    );
    return { id: row.id, token, userId: user.id };
  });
}

type AuditContext = { actorId?: string | null; actorRole?: string | null; ip?: string; userAgent?: string };

/**
 * Revokes one token. With `ownerId` (the account page) only a token of that user qualifies: another
 * user's token, an unknown or malformed id and a token already revoked are all "not found".
 */
export async function revokeApiToken(
  input: { id: string; ownerId?: string } & AuditContext,
  q: Queryable = db(),
): Promise<void> {
  if (!isUuid(input.id)) throw new AppError("api_token.not_found", 404);
  await q.transaction(async (tx) => {
    const updated = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, input.id),
          isNull(apiTokens.revokedAt),
          input.ownerId === undefined ? undefined : eq(apiTokens.userId, input.ownerId),
        ),
      )
      .returning({ id: apiTokens.id });
    if (updated.length === 0) throw new AppError("api_token.not_found", 404);
    await journalRevocations(updated, input, tx);
  });
}

/**
 * Revokes every live token of a user, in the caller's transaction: "log out everywhere" and a password
 * reset end API access too (ADR 004: whoever had the password may have made or copied a token).
 */
export async function revokeAllApiTokens(userId: string, context: AuditContext, q: Queryable): Promise<number> {
  const updated = await q
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  await journalRevocations(updated, context, q);
  return updated.length;
}

async function journalRevocations(tokens: Array<{ id: string }>, context: AuditContext, q: Queryable): Promise<void> {
  for (const token of tokens)
    await recordAudit(
      {
        action: "api_token.revoked",
        actorId: context.actorId ?? null,
        role: context.actorRole ?? null,
        targetType: "api_token",
        targetId: token.id,
        ip: context.ip,
        userAgent: context.userAgent,
      },
      q,
    );
}

/** A user's live tokens, for the account page: never the secret (only its hash is stored anyway). */
export async function listApiTokens(userId: string, q: Queryable = db()) {
  return q
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(apiTokens.createdAt);
}
