import { eq } from "drizzle-orm";
import { db, type Queryable } from "../db/client.server";
import { sessions } from "../db/schema";
import { config } from "../platform/config.server";
import { sha256Hex } from "../platform/crypto.server";
import { parseCookies } from "../platform/http.server";

/** The session cookie: src/auth/session.server.ts sets and clears it, this module reads it. */
export const SESSION_COOKIE = "guichet_session";
/** Writing last_seen_at on every request would double the writes; a minute is precise enough. */
const TOUCH_INTERVAL_MS = 60_000;

export type SessionRow = typeof sessions.$inferSelect;

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
