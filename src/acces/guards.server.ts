import { data, redirect } from "react-router";
import { ERROR_MESSAGES, type ErrorCode, isAppError } from "../platform/app-error";
import { isApiRequest } from "../platform/http.server";
import { type Actor, loadActor } from "./actor.server";
import { actorForApiToken } from "./api-token-actor.server";
import { type Permission, rolesGrant } from "./permissions";
import { readSession, sessionTokenFrom } from "./read-session.server";

/** A thrown response carrying a typed error: JSON for the API, the DSFR error page otherwise. */
export function errorResponse(request: Request, code: ErrorCode, status: number): Response {
  if (isApiRequest(request)) {
    return Response.json({ error: { code, message: ERROR_MESSAGES[code] } }, { status });
  }
  return data({ code, message: ERROR_MESSAGES[code] }, { status }) as unknown as Response;
}

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : "";
}

export type SessionState =
  | { kind: "anonymous" }
  | { kind: "pending_second_factor"; actor: Actor }
  | { kind: "authenticated"; actor: Actor };

/**
 * Reads who is behind the request: a bearer token (API) or the session cookie (UI). The API
 * (/api/…) authenticates with bearer tokens only: a session cookie there is ignored, so that a page of
 * another site can never ride the user's session to call it (ADR 004).
 */
export async function readSessionState(request: Request): Promise<SessionState> {
  const token = bearerToken(request);
  if (token !== null) {
    const actor = token ? await actorForApiToken(token) : null;
    return actor ? { kind: "authenticated", actor } : { kind: "anonymous" };
  }
  if (isApiRequest(request)) return { kind: "anonymous" };
  const session = await readSession(request);
  if (!session) return { kind: "anonymous" };
  const actor = await loadActor(session.userId, {
    via: "session",
    sessionIdHash: session.idHash,
    currentStructureId: session.currentStructureId,
  });
  if (!actor) return { kind: "anonymous" };
  return session.secondFactorDone ? { kind: "authenticated", actor } : { kind: "pending_second_factor", actor };
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(back === "/" ? "/connexion" : `/connexion?redirectTo=${encodeURIComponent(back)}`);
}

/** The authenticated actor, or a redirect to login (UI) / a 401 (API). */
export async function requireUser(request: Request): Promise<Actor> {
  const state = await readSessionState(request);
  if (state.kind === "authenticated") return state.actor;
  if (isApiRequest(request))
    throw errorResponse(
      request,
      bearerToken(request) === null && sessionTokenFrom(request) !== null
        ? "auth.api_session_cookie"
        : "auth.invalid_api_token",
      401,
    );
  if (state.kind === "pending_second_factor") {
    throw redirect(state.actor.totpEnabled ? "/connexion/verification" : "/compte/double-authentification");
  }
  throw loginRedirect(request);
}

/** For the second-factor pages: a session whose password step is done. */
export async function requirePendingOrFullSession(request: Request): Promise<{ actor: Actor; pending: boolean }> {
  const state = await readSessionState(request);
  if (state.kind === "anonymous") throw loginRedirect(request);
  return { actor: state.actor, pending: state.kind === "pending_second_factor" };
}

/** For login and reset pages: a logged-in user goes home instead. */
export async function requireAnonymous(request: Request): Promise<void> {
  const state = await readSessionState(request);
  if (state.kind === "authenticated") throw redirect("/");
}

/** The authenticated actor if one of their roles holds the permission (src/acces/permissions.ts), or a 403. */
export async function requirePermission(request: Request, permission: Permission): Promise<Actor> {
  const actor = await requireUser(request);
  if (!rolesGrant(actor.roles, permission)) throw errorResponse(request, "auth.forbidden", 403);
  return actor;
}

/** Public pages call this so that the rule "every loader calls a guard" has no exception. */
export function requirePublic(_request: Request): void {}

/** For use cases: throws 403 when a scope check fails after the permission check. */
export function forbidden(request: Request): never {
  throw errorResponse(request, "auth.forbidden", 403);
}

/**
 * For loaders and actions: runs a use case and turns its domain error into the thrown error page
 * (or JSON for the API) with its status (403, 404…) instead of a 500.
 */
export async function orErrorPage<T>(request: Request, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error)) throw errorResponse(request, error.code, error.status);
    throw error;
  }
}
