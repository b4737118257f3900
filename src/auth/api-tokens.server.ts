import { and, eq, isNull, sql } from "drizzle-orm";
import { type Actor, activeAssignmentFilter, actorFromRows } from "../acces/actor.server";
import { cachedActorValue } from "../acces/actor-cache.server";
import { recordAudit } from "../audit/journal.server";
import { db, dbHandle, type Queryable } from "../db/client.server";
import { apiTokens, roleAssignments, users } from "../db/schema";
import { AppError } from "../platform/app-error";
import { randomToken, sha256Hex } from "../platform/crypto.server";
import { parisDay } from "../platform/time";

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

type Db = ReturnType<typeof db>;

/** The token, its user and the user's roles in force: one prepared statement per database. */
const tokenQueries = new WeakMap<Db, ReturnType<typeof prepareTokenQuery>>();

function prepareTokenQuery(database: Db) {
  return database
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, user: users, assignment: roleAssignments })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(
      roleAssignments,
      and(eq(roleAssignments.userId, users.id), activeAssignmentFilter(sql.placeholder("today"))),
    )
    .where(
      and(eq(apiTokens.tokenHash, sql.placeholder("tokenHash")), isNull(apiTokens.revokedAt), isNull(users.disabledAt)),
    )
    .prepare("guichet_actor_for_api_token");
}

type TokenActor = { tokenId: string; lastUsedAt: Date | null; actor: Actor };

async function loadTokenActor(database: Db, tokenHash: string, today: string): Promise<TokenActor | null> {
  let query = tokenQueries.get(database);
  if (!query) {
    query = prepareTokenQuery(database);
    tokenQueries.set(database, query);
  }
  const rows = await query.execute({ tokenHash, today });
  const actor = actorFromRows(rows, { via: "api_token" });
  return actor ? { tokenId: rows[0].tokenId, lastUsedAt: rows[0].lastUsedAt, actor } : null;
}

/**
 * Who is behind a bearer token (the API's hot path): null when the token is unknown or revoked, or
 * its user disabled. Kept in memory until the database notifies a change of tokens, users or roles
 * (actor-cache.server.ts, ADR 014). Its last use is written at most once a minute.
 */
export async function actorForApiToken(token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const handle = dbHandle();
  const tokenHash = sha256Hex(token);
  const today = parisDay();
  const known = await cachedActorValue(handle, `${tokenHash}:${today}`, () =>
    loadTokenActor(handle.db, tokenHash, today),
  );
  if (!known) return null;
  if (!known.lastUsedAt || Date.now() - known.lastUsedAt.getTime() > 60_000) {
    known.lastUsedAt = new Date();
    await handle.db.update(apiTokens).set({ lastUsedAt: known.lastUsedAt }).where(eq(apiTokens.id, known.tokenId));
  }
  return { ...known.actor };
}
