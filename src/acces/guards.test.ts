import { describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "../auth/api-tokens.server";
import { createSession } from "../auth/session.server";
import { dbHandle } from "../db/client.server";
import { anonymousRequest, createTestStructure, createTestUser, sessionRequest } from "../test/factories";
import { actorCacheGeneration, actorCacheInvalidatedSince } from "./actor-cache.server";
import { requirePermission, requireUser } from "./guards.server";
import { SESSION_COOKIE } from "./read-session.server";

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    if (typeof error === "object" && error && "init" in error) {
      return new Response(null, { status: (error as { init: { status: number } }).init.status });
    }
    throw error;
  }
  throw new Error("expected the guard to throw");
}

describe("guards", () => {
  it("sends anonymous page requests to the login page, keeping where they were going", async () => {
    const response = await thrown(requireUser(anonymousRequest("/structures?departement=57")));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/connexion?redirectTo=%2Fstructures%3Fdepartement%3D57");
  });

  it("answers API requests without a valid token with a French JSON 401", async () => {
    const response = await thrown(
      requireUser(anonymousRequest("/api/v1/me", { headers: { authorization: "Bearer gch_faux" } })),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "auth.invalid_api_token", message: expect.stringContaining("Jeton") },
    });
  });

  it("authenticates the API with bearer tokens only: a live session cookie alone gets a French JSON 401 (ADR 004)", async () => {
    const { userId } = await createTestUser([{ role: "national" }]);
    const page = await sessionRequest(userId, "/");
    expect((await requireUser(page)).userId).toBe(userId);
    const cookie = page.headers.get("cookie") ?? "";
    const response = await thrown(requireUser(anonymousRequest("/api/v1/me", { headers: { cookie } })));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        code: "auth.api_session_cookie",
        message:
          "L’API n’accepte pas la session du navigateur : authentifiez-vous avec un jeton d’API (en-tête Authorization: Bearer).",
      },
    });
  });

  it("accepts a bearer token until it is revoked", async () => {
    const { userId, email } = await createTestUser([{ role: "national" }]);
    const { id, token } = await createApiToken({ email, name: "test" });
    const request = () => anonymousRequest("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect((await requireUser(request())).userId).toBe(userId);
    // The API's actor cache learns of the revocation from the database's notification (ADR 014).
    const before = actorCacheGeneration(dbHandle());
    await revokeApiToken({ id });
    await actorCacheInvalidatedSince(dbHandle(), before);
    expect((await thrown(requireUser(request()))).status).toBe(401);
  });

  it("sends a session whose second factor is pending to the right step", async () => {
    const { userId } = await createTestUser([{ role: "national" }]);
    const { token } = await createSession(userId, false);
    const request = anonymousRequest("/", { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    const response = await thrown(requireUser(request));
    expect(response.headers.get("location")).toBe("/compte/double-authentification");
  });

  it("refuses a permission the user's roles do not grant with 403", async () => {
    const structureId = await createTestStructure();
    const { userId } = await createTestUser([{ role: "agent", structureId }]);
    const response = await thrown(requirePermission(await sessionRequest(userId, "/admin/outbox"), "outbox:read"));
    expect(response.status).toBe(403);
  });

  it("ignores roles that have ended or not started yet", async () => {
    const structureId = await createTestStructure();
    const { userId } = await createTestUser([
      { role: "admin", startsOn: "2020-01-01", endsOn: "2021-01-01" },
      { role: "responsable", structureId, startsOn: "2999-01-01" },
      { role: "agent", structureId },
    ]);
    const actor = await requireUser(await sessionRequest(userId, "/"));
    expect([...actor.roles]).toEqual(["agent"]);
  });
});
