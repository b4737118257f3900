import { eq } from "drizzle-orm";
import { db, type Queryable } from "../db/client.server";
import { sessions } from "../db/schema";
import { config } from "../platform/config.server";
import { randomToken, sha256Hex } from "../platform/crypto.server";
import { parseCookies, serializeCookie } from "../platform/http.server";

export const SESSION_COOKIE = "guichet_session";
/** Writing last_seen_at on every request would double the writes; a minute is precise enough. */
const TOUCH_INTERVAL_MS = 60_000;

function secureCookies(): boolean {
  return config().PUBLIC_URL.startsWith("https://");
}

export type SessionRow = typeof sessions.$inferSelect;

export async function createSession(
  userId: string,
  secondFactorDone: boolean,
  q: Queryable = db(),
): Promise<{ token: string; idHash: string; cookie: string }> {
  const token = randomToken();
  const idHash = sha256Hex(token);
  const now = Date.now();
  const maxAgeMs = config().SESSION_MAX_HOURS * 3_600_000;
  await q.insert(sessions).values({
    idHash,
    userId,
    secondFactorDone,
    createdAt: new Date(now),
    lastSeenAt: new Date(now),
    expiresAt: new Date(now + maxAgeMs),
  });
  return { token, idHash, cookie: sessionCookie(token, maxAgeMs / 1000) };
}

export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return serializeCookie(SESSION_COOKIE, token, { maxAgeSeconds, secure: secureCookies() });
}

export function clearSessionCookie(): string {
  return serializeCookie(SESSION_COOKIE, "", { maxAgeSeconds: 0, secure: secureCookies() });
}

export function sessionTokenFrom(request: Request): string | null {
  return parseCookies(request.headers.get("cookie"))[SESSION_COOKIE] ?? null;
}

/** The live session behind the request's cookie, after the idle and absolute checks. */
export async function readSession(request: Request, q: Queryable = db()): Promise<SessionRow | null> {
  const token = sessionTokenFrom(request);
  if (!token || token.length > 100) return null;
  const idHash = sha256Hex(token);
  const [row] = await q.select().from(sessions).where(eq(sessions.idHash, idHash));
  if (!row) return null;
  const now = Date.now();
  const idleMs = config().SESSION_IDLE_MINUTES * 60_000;
  if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + idleMs <= now) {
    await q.delete(sessions).where(eq(sessions.idHash, idHash));
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await q
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.idHash, idHash));
  }
  return row;
}

export async function markSecondFactorDone(idHash: string, q: Queryable = db()): Promise<void> {
  await q.update(sessions).set({ secondFactorDone: true }).where(eq(sessions.idHash, idHash));
}

export async function setCurrentStructure(idHash: string, structureId: string, q: Queryable = db()): Promise<void> {
  await q.update(sessions).set({ currentStructureId: structureId }).where(eq(sessions.idHash, idHash));
}

export async function destroySession(idHash: string, q: Queryable = db()): Promise<void> {
  await q.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function destroyAllSessions(userId: string, q: Queryable = db()): Promise<void> {
  await q.delete(sessions).where(eq(sessions.userId, userId));
}
