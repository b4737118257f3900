import { and, eq, isNull, sql } from "drizzle-orm";
import { type db, dbHandle } from "../db/client.server";
import { apiTokens, roleAssignments, users } from "../db/schema";
import { sha256Hex } from "../platform/crypto.server";
import { parisDay } from "../platform/time";
import { type Actor, activeAssignmentFilter, actorFromRows } from "./actor.server";
import { cachedActorValue } from "./actor-cache.server";

/** Every API token starts with it (src/auth/api-tokens.server.ts issues them); anything else is not a token. */
export const TOKEN_PREFIX = "gch_";

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
