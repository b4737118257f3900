import { and, eq, isNull } from "drizzle-orm";
import { TOKEN_PREFIX } from "../acces/api-token-actor.server";
import { recordAudit } from "../audit/journal.server";
import { db, type Queryable } from "../db/client.server";
import { apiTokens, users } from "../db/schema";
import { AppError } from "../platform/app-error";
import { randomToken, sha256Hex } from "../platform/crypto.server";

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
      {
        action: "api_token.revoked",
        actorId: input.actorId ?? null,
        role: input.actorRole ?? null,
        targetType: "api_token",
        targetId: input.id,
      },
      tx,
    );
  });
}

export async function listApiTokens(userId: string, q: Queryable = db()) {
  return q
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(apiTokens.createdAt);
}
