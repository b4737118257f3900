import { generate } from "otplib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/auth/api-tokens.server";
import { createSession } from "../../src/auth/session.server";
import { config, setConfig } from "../../src/platform/config.server";
import {
  apiStatus,
  apiStatusAfter,
  auditEntries,
  enrollTotp,
  outcome,
  requestWithSession,
  routeArgs,
  sessionCount,
  wrongTotpCode,
} from "../../src/test/auth-support";
import { createTestStructure, createTestUser, formBody, sessionRequest, testActor } from "../../src/test/factories";
import * as compte from "./compte";

// A coordinateur stands for a role the second-factor policy leaves free here (the default requires it of all).
const original = { ...config() };
beforeEach(() => setConfig({ TOTP_REQUIRED_ROLES: ["agent", "responsable", "referent"] }));
afterEach(() => setConfig(original));

function post(request: Promise<Request>) {
  return request.then((resolved) => outcome(() => compte.action(routeArgs(resolved))));
}

describe("Mon compte", () => {
  it("shows roles with French labels, scopes and dates, and the second-factor status", async () => {
    const structureId = await createTestStructure({ nom: "France Services de Bitche" });
    const { userId } = await createTestUser([
      { role: "responsable", structureId, startsOn: "2025-01-06" },
      { role: "referent", partnerKey: "caf", departement: "57", endsOn: "2099-12-31" },
    ]);
    const overview = await compte.loader(routeArgs(await sessionRequest(userId, "/compte")));
    expect(overview).toMatchObject({
      prenom: "Camille",
      nom: "Test",
      secondFactor: { enabled: false, required: true, canDisable: false },
    });
    expect(overview.roles).toEqual(
      expect.arrayContaining([
        { label: "Responsable de structure", scope: "France Services de Bitche", debut: "2025-01-06", fin: null },
        expect.objectContaining({
          label: "Référent partenaire",
          scope: "CAF, département 57 — Moselle",
          fin: "2099-12-31",
        }),
      ]),
    );
  });

  it("counts the recovery codes left", async () => {
    const { userId } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    await enrollTotp(userId);
    const overview = await compte.loader(routeArgs(await sessionRequest(userId, "/compte")));
    expect(overview.secondFactor).toEqual({
      enabled: true,
      required: false,
      canDisable: true,
      remainingRecoveryCodes: 10,
    });
  });

  it("logs out everywhere: every session of the user ends, other users keep theirs", async () => {
    const { userId } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    const other = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    await createSession(userId, true);
    await createSession(userId, false);
    await createSession(other.userId, true);
    const result = await post(
      sessionRequest(userId, "/compte", { method: "POST", body: formBody({ intent: "logout_everywhere" }) }),
    );
    expect(result.status).toBe(302);
    expect(result.location).toBe("/connexion");
    expect(result.setCookie).toMatch(/guichet_session=;.*Max-Age=0/);
    expect(await sessionCount(userId)).toBe(0);
    expect(await sessionCount(other.userId)).toBe(1);
    const audit = (await auditEntries("auth.logout_everywhere")).filter((entry) => entry.actorId === userId);
    expect(audit).toHaveLength(1);
    expect(audit[0].targetId).toBe(userId);
  });

  it("logs out everywhere: the user's API tokens are revoked too, other users' are not (ADR 004)", async () => {
    const { userId, email } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    const other = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    const mine = await createApiToken({ email, name: "Script" });
    const theirs = await createApiToken({ email: other.email, name: "Script" });
    const status = await apiStatusAfter(mine.token, () =>
      post(sessionRequest(userId, "/compte", { method: "POST", body: formBody({ intent: "logout_everywhere" }) })),
    );
    expect(status).toBe(401);
    expect(await apiStatus(theirs.token)).toBe(200);
    expect((await auditEntries("api_token.revoked")).filter((entry) => entry.targetId === mine.id)).toMatchObject([
      { actorId: userId },
    ]);
  });

  it("lists the user's live API tokens without their secret, and revokes one: 401 at once, journaled (ADR 004)", async () => {
    const { userId, email } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    const other = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    const kept = await createApiToken({ email, name: "Tableur du suivi" });
    const revoked = await createApiToken({ email, name: "Ancien script" });
    const foreign = await createApiToken({ email: other.email, name: "Jeton d’un autre" });
    expect(await apiStatus(kept.token)).toBe(200);
    const overview = await compte.loader(routeArgs(await sessionRequest(userId, "/compte")));
    expect(overview.apiTokens).toEqual([
      { id: kept.id, name: "Tableur du suivi", createdAt: expect.any(String), lastUsedAt: expect.any(String) },
      { id: revoked.id, name: "Ancien script", createdAt: expect.any(String), lastUsedAt: null },
    ]);
    expect(JSON.stringify(overview)).not.toContain(kept.token.slice(4));

    const revoke = (tokenId: string) =>
      post(
        sessionRequest(userId, "/compte", { method: "POST", body: formBody({ intent: "revoke_api_token", tokenId }) }),
      );
    let result: Awaited<ReturnType<typeof revoke>> | undefined;
    expect(
      await apiStatusAfter(revoked.token, async () => {
        result = await revoke(revoked.id);
      }),
    ).toBe(401);
    expect(result).toMatchObject({ status: 302, location: "/compte?motif=jeton-revoque" });
    const audit = (await auditEntries("api_token.revoked")).filter((entry) => entry.targetId === revoked.id);
    expect(audit).toMatchObject([{ actorId: userId, targetType: "api_token" }]);
    const after = await compte.loader(routeArgs(await sessionRequest(userId, "/compte")));
    expect(after.apiTokens.map((token) => token.id)).toEqual([kept.id]);

    // Another user's token, a token already revoked, a malformed id: 404, nothing changes.
    for (const tokenId of [foreign.id, revoked.id, "pas-un-uuid"]) expect((await revoke(tokenId)).status).toBe(404);
    expect(await apiStatus(foreign.token)).toBe(200);
  });

  it("turns TOTP off with a current code when no role requires it", async () => {
    const { userId } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    const { secret } = await enrollTotp(userId);
    const wrong = await post(
      sessionRequest(userId, "/compte", {
        method: "POST",
        body: formBody({ intent: "disable_2fa", code: await wrongTotpCode(secret) }),
      }),
    );
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.data)).toContain("Code incorrect ou expiré");
    const empty = await post(
      sessionRequest(userId, "/compte", { method: "POST", body: formBody({ intent: "disable_2fa", code: "12" }) }),
    );
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.data)).toContain("Le code doit comporter 6 chiffres");
    const done = await post(
      sessionRequest(userId, "/compte", {
        method: "POST",
        body: formBody({ intent: "disable_2fa", code: await generate({ secret }) }),
      }),
    );
    expect(done.location).toBe("/compte?motif=2fa-desactivee");
    expect((await testActor(userId)).totpEnabled).toBe(false);
    expect((await auditEntries("auth.2fa.disabled")).some((entry) => entry.targetId === userId)).toBe(true);
  });

  it("refuses to turn TOTP off when a role requires it", async () => {
    const { userId } = await createTestUser([{ role: "agent", structureId: await createTestStructure() }]);
    const { secret } = await enrollTotp(userId);
    const overview = await compte.loader(routeArgs(await sessionRequest(userId, "/compte")));
    expect(overview.secondFactor.canDisable).toBe(false);
    const refused = await post(
      sessionRequest(userId, "/compte", {
        method: "POST",
        body: formBody({ intent: "disable_2fa", code: await generate({ secret }) }),
      }),
    );
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.data)).toContain("Votre rôle exige la double authentification");
    expect((await testActor(userId)).totpEnabled).toBe(true);
  });

  it("answers 400 to an unknown intent, and sends an expired session to the login page", async () => {
    const { userId } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    expect(
      (await post(sessionRequest(userId, "/compte", { method: "POST", body: formBody({ intent: "autre" }) }))).status,
    ).toBe(400);
    const anonymous = await outcome(() => compte.loader(routeArgs(requestWithSession("inconnu", "/compte"))));
    expect(anonymous.location).toBe("/connexion?redirectTo=%2Fcompte");
  });
});
