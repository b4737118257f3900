import { eq } from "drizzle-orm";
import { SESSION_COOKIE } from "../acces/read-session.server";
import { db, type Queryable } from "../db/client.server";
import { sessions } from "../db/schema";
import { config } from "../platform/config.server";
import { randomToken, sha256Hex } from "../platform/crypto.server";
import { serializeCookie } from "../platform/http.server";

function secureCookies(): boolean {
  return config().PUBLIC_URL.startsWith("https://");
}

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
