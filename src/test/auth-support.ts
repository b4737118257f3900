import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { expect } from "vitest";
import { type Actor, loadActor } from "../acces/actor.server";
import { actorCacheGeneration, actorCacheInvalidatedSince } from "../acces/actor-cache.server";
import { requireUser } from "../acces/guards.server";
import { SESSION_COOKIE } from "../acces/read-session.server";
import type { AuditAction } from "../audit/actions";
import { createSession } from "../auth/session.server";
import { confirmEnrollment, startEnrollment } from "../auth/totp.server";
import { db, dbHandle } from "../db/client.server";
import { auditLog, sessions } from "../db/schema";
import { AppError } from "../platform/app-error";
import { sha256Hex } from "../platform/crypto.server";
import { CLIENT_IP_HEADER } from "../platform/http.server";

/** The token inside a Set-Cookie header of the session cookie. */
export function sessionTokenOf(setCookie: string): string {
  const match = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(setCookie);
  if (!match) throw new Error("no session cookie");
  return decodeURIComponent(match[1]);
}

/** A browser request carrying a session token (from createSession or a login's cookie). */
export function requestWithSession(token: string, path: string, init: RequestInit = {}, ip = "192.0.2.30"): Request {
  const headers = new Headers(init.headers);
  headers.set("cookie", `${SESSION_COOKIE}=${token}`);
  headers.set(CLIENT_IP_HEADER, ip);
  headers.set("user-agent", "vitest");
  if (init.body instanceof URLSearchParams) headers.set("content-type", "application/x-www-form-urlencoded");
  return new Request(new URL(path, "http://localhost:3000"), { ...init, headers });
}

/** A session whose password step is done and whose second step is not. */
export async function pendingSession(userId: string): Promise<{ token: string; actor: Actor }> {
  const { token, idHash } = await createSession(userId, false);
  const actor = await loadActor(userId, { via: "session", sessionIdHash: idHash });
  if (!actor) throw new Error("test user not found");
  return { token, actor };
}

export async function sessionOf(token: string) {
  const [row] = await db()
    .select()
    .from(sessions)
    .where(eq(sessions.idHash, sha256Hex(token)));
  return row ?? null;
}

export async function sessionCount(userId: string): Promise<number> {
  return (await db().select().from(sessions).where(eq(sessions.userId, userId))).length;
}

/** Enrols a user in TOTP; returns the secret and the 10 recovery codes. */
export async function enrollTotp(userId: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { actor } = await pendingSession(userId);
  const { secret } = await startEnrollment(actor);
  // Confirmed with the previous step's code (still accepted), so that the current code is still unused
  // for the test's own login: a code is accepted once (replay protection).
  const previousStep = Math.floor(Date.now() / 1000) - 30;
  const recoveryCodes = await confirmEnrollment(actor, await generate({ secret, epoch: previousStep }));
  return { secret, recoveryCodes };
}

/** A 6-digit code that is none of the codes accepted now (current step and one step either side). */
export async function wrongTotpCode(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const accepted = new Set(await Promise.all([-30, 0, 30].map((shift) => generate({ secret, epoch: now + shift }))));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(6, "0");
    if (!accepted.has(code)) return code;
  }
}

export async function auditEntries(action: AuditAction) {
  return db().select().from(auditLog).where(eq(auditLog.action, action));
}

/** What a loader or action answered, whether it returned or threw: status, redirect target, body. */
export async function outcome(
  call: () => Promise<unknown>,
): Promise<{ status: number; location: string | null; setCookie: string | null; data: unknown }> {
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    result = error;
  }
  if (result instanceof Response) {
    return {
      status: result.status,
      location: result.headers.get("location"),
      setCookie: result.headers.get("set-cookie"),
      data: null,
    };
  }
  if (typeof result === "object" && result !== null && (result as { type?: string }).type === "DataWithResponseInit") {
    const init = (result as { init: ResponseInit | null; data: unknown }).init;
    return { status: init?.status ?? 200, location: null, setCookie: null, data: (result as { data: unknown }).data };
  }
  if (result instanceof Error) throw result;
  return { status: 200, location: null, setCookie: null, data: result };
}

/** The arguments React Router hands to a loader or an action. */
export function routeArgs(request: Request, params: Record<string, string> = {}) {
  return { request, params, context: { cspNonce: "" } } as never;
}

/** The AppError a use case rejects with (fails the test when it resolves or throws something else). */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The status the API answers a bearer token with: 200, or the 401 of an unknown or revoked token. */
export async function apiStatus(token: string): Promise<number> {
  try {
    await requireUser(
      new Request("http://localhost:3000/api/v1/me", { headers: { authorization: `Bearer ${token}` } }),
    );
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

/**
 * The status the API answers a bearer token with after `change`, once the API's actor cache has
 * heard from the database of a change since (ADR 014): a revocation is observed, not raced.
 */
export async function apiStatusAfter(token: string, change: () => Promise<unknown>): Promise<number> {
  const before = actorCacheGeneration(dbHandle());
  await change();
  await actorCacheInvalidatedSince(dbHandle(), before);
  return apiStatus(token);
}
