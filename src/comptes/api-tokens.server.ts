import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/journal.server";
import { db, type Queryable } from "../db/client.server";
import { apiTokens, users } from "../db/schema";
import { AppError } from "../platform/app-error";
import { randomToken, sha256Hex } from "../platform/crypto.server";

const TOKEN_PREFIX = "gch_";

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
      { action: "api_token.created", actorId: input.actorId ?? null, role: input.actorRole ?? null, targetType: "api_token", targetId: row.id },
      tx,
    );
    return { id: row.id, token, userId: user.id };
  });
}

export async function revokeApiToken(
  input: { id: string; actorId?: string | null; actorRole?: string | null },
  q: Queryable = db(),
): Promise<void> {
  await q.transaction(async (tx) => {
    const updated = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, input.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (updated.length === 0) throw new AppError("not_found", 404);
    await recordAudit(
      { action: "api_token.revoked", actorId: input.actorId ?? null, role: input.actorRole ?? null, targetType: "api_token", targetId: input.id },
      tx,
    );
  });
}

export async function listApiTokens(userId: string, q: Queryable = db()) {
  return q
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(apiTokens.createdAt);
}

/** The user id behind a bearer token, or null when it is unknown or revoked. */
export async function userIdForApiToken(token: string, q: Queryable = db()): Promise<string | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const [row] = await q
    .select({ id: apiTokens.id, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await q.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  }
  return row.userId;
}
