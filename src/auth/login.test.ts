import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as connexion from "../../app/routes/connexion";
import type { AppError } from "../platform/app-error";
import { config, setConfig } from "../platform/config.server";
import {
  appErrorOf,
  auditEntries,
  enrollTotp,
  outcome,
  routeArgs,
  sessionOf,
  sessionTokenOf,
} from "../test/auth-support";
import { anonymousRequest, createTestStructure, createTestUser, formBody, TEST_PASSWORD } from "../test/factories";
import { login } from "./login.server";

const original = { ...config() };
// These tests are about the login's mechanics; a coordinateur stands for a role left out of the second-factor
// policy here (the policy itself is tested in second-factor.test.ts and config.test.ts).
beforeEach(() => setConfig({ TOTP_REQUIRED_ROLES: ["agent", "responsable", "referent"] }));
afterEach(() => {
  setConfig(original);
  vi.useRealTimers();
});

const THROTTLED = "Trop de tentatives de connexion. Réessayez dans quelques minutes.";
let nextIp = 1;
/** Each test uses its own addresses, so that per-address counts do not leak between tests. */
function freshIp(): string {
  return `198.51.100.${nextIp++}`;
}

function coordinateur() {
  return createTestUser([{ role: "coordinateur", departement: "92" }]);
}

function failingLogin(email: string, ip: string): Promise<AppError> {
  return appErrorOf(login({ email, password: "mauvais-mot-de-passe", ip, userAgent: "vitest" }));
}

describe("login", () => {
  it("opens a complete session and audits the success with the user id, never the e-mail", async () => {
    const { userId, email } = await coordinateur();
    const result = await login({
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
      ip: freshIp(),
      userAgent: "vitest",
    });
    expect(result).toMatchObject({ userId, next: "home" });
    expect((await sessionOf(sessionTokenOf(result.cookie)))?.secondFactorDone).toBe(true);
    const entries = (await auditEntries("auth.login.success")).filter((entry) => entry.actorId === userId);
    expect(entries).toHaveLength(1);
    expect(entries[0].role).toBe("coordinateur");
    expect(JSON.stringify(await auditEntries("auth.login.success"))).not.toContain(email);
  });

  it("refuses a wrong password and audits the failure against the account id, without the e-mail", async () => {
    const { userId, email } = await coordinateur();
    const error = await failingLogin(email, freshIp());
    expect(error.code).toBe("auth.invalid_credentials");
    expect(error.message).toBe("Adresse électronique ou mot de passe incorrect.");
    const failures = await auditEntries("auth.login.failure");
    expect(failures.filter((entry) => entry.targetId === userId)).toHaveLength(1);
    expect(JSON.stringify(failures)).not.toContain(email);
  });

  it("gives the same answer for an unknown address, audited with no target", async () => {
    const before = (await auditEntries("auth.login.failure")).length;
    const error = await failingLogin("personne@exemple.fr", freshIp());
    expect(error.code).toBe("auth.invalid_credentials");
    const failures = await auditEntries("auth.login.failure");
    expect(failures).toHaveLength(before + 1);
    expect(failures.at(-1)).toMatchObject({ targetId: null, targetType: null });
    expect(JSON.stringify(failures)).not.toContain("personne@exemple.fr");
  });

  it("throttles an account after LOGIN_MAX_FAILURES_ACCOUNT failures, even from other addresses and with the right password", async () => {
    setConfig({ LOGIN_MAX_FAILURES_ACCOUNT: 3, LOGIN_MAX_FAILURES_IP: 100 });
    const { email } = await coordinateur();
    for (let i = 0; i < 3; i++) expect((await failingLogin(email, freshIp())).code).toBe("auth.invalid_credentials");
    const throttled = await appErrorOf(login({ email, password: TEST_PASSWORD, ip: freshIp(), userAgent: "vitest" }));
    expect(throttled).toMatchObject({ code: "auth.throttled", status: 429, message: THROTTLED });
  });

  it("evaluates at most the limit of N parallel wrong passwords for one account or one address", async () => {
    setConfig({ LOGIN_MAX_FAILURES_ACCOUNT: 5, LOGIN_MAX_FAILURES_IP: 8 });
    const { email } = await coordinateur();
    const byAccount = await Promise.all(Array.from({ length: 40 }, () => failingLogin(email, freshIp())));
    const countCodes = (errors: AppError[]) =>
      errors.reduce<Record<string, number>>((counts, error) => {
        counts[error.code] = (counts[error.code] ?? 0) + 1;
        return counts;
      }, {});
    expect(countCodes(byAccount)).toEqual({ "auth.invalid_credentials": 5, "auth.throttled": 35 });
    const ip = freshIp();
    const accounts = await Promise.all(Array.from({ length: 12 }, () => coordinateur()));
    const byAddress = await Promise.all(accounts.map((account) => failingLogin(account.email, ip)));
    expect(countCodes(byAddress)).toEqual({ "auth.invalid_credentials": 8, "auth.throttled": 4 });
  });

  it("shows the French throttling message on the login page, with status 429, and audits it", async () => {
    setConfig({ LOGIN_MAX_FAILURES_ACCOUNT: 2, LOGIN_MAX_FAILURES_IP: 100 });
    const { email } = await coordinateur();
    const post = () =>
      outcome(() =>
        connexion.action(
          routeArgs(
            anonymousRequest("/connexion", {
              method: "POST",
              body: formBody({ email, password: "mauvais-mot-de-passe" }),
            }),
          ),
        ),
      );
    expect((await post()).status).toBe(401);
    expect((await post()).status).toBe(401);
    const before = (await auditEntries("auth.login.throttled")).length;
    const third = await post();
    expect(third.status).toBe(429);
    expect(JSON.stringify(third.data)).toContain(THROTTLED);
    expect(await auditEntries("auth.login.throttled")).toHaveLength(before + 1);
  });

  it("throttles an address after LOGIN_MAX_FAILURES_IP failures across accounts; other addresses still log in", async () => {
    setConfig({ LOGIN_MAX_FAILURES_ACCOUNT: 100, LOGIN_MAX_FAILURES_IP: 3 });
    const ip = freshIp();
    for (let i = 0; i < 3; i++) await failingLogin(`inconnu-${i}@exemple.fr`, ip);
    const { email } = await coordinateur();
    const throttled = await appErrorOf(login({ email, password: TEST_PASSWORD, ip, userAgent: "vitest" }));
    expect(throttled).toMatchObject({ code: "auth.throttled", message: THROTTLED });
    await expect(login({ email, password: TEST_PASSWORD, ip: freshIp(), userAgent: "vitest" })).resolves.toMatchObject({
      next: "home",
    });
  });

  it("clears the account's failures on success, so earlier typos do not add up", async () => {
    setConfig({ LOGIN_MAX_FAILURES_ACCOUNT: 3, LOGIN_MAX_FAILURES_IP: 100 });
    const { email } = await coordinateur();
    await failingLogin(email, freshIp());
    await failingLogin(email, freshIp());
    await login({ email, password: TEST_PASSWORD, ip: freshIp(), userAgent: "vitest" });
    await failingLogin(email, freshIp());
    await failingLogin(email, freshIp());
    await expect(login({ email, password: TEST_PASSWORD, ip: freshIp(), userAgent: "vitest" })).resolves.toMatchObject({
      next: "home",
    });
  });

  it("lets the account in again once the failures are older than the window", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    vi.setSystemTime(start);
    setConfig({ LOGIN_MAX_FAILURES_ACCOUNT: 2, LOGIN_MAX_FAILURES_IP: 100, LOGIN_WINDOW_MINUTES: 15 });
    const { email } = await coordinateur();
    await failingLogin(email, freshIp());
    await failingLogin(email, freshIp());
    expect((await failingLogin(email, freshIp())).code).toBe("auth.throttled");
    vi.setSystemTime(start + 16 * 60_000);
    await expect(login({ email, password: TEST_PASSWORD, ip: freshIp(), userAgent: "vitest" })).resolves.toMatchObject({
      next: "home",
    });
  });

  it("sends to the second step, or to the forced enrolment, keeping the page asked for", async () => {
    const post = (email: string) =>
      outcome(() =>
        connexion.action(
          routeArgs(
            anonymousRequest("/connexion", {
              method: "POST",
              body: formBody({ email, password: TEST_PASSWORD, redirectTo: "/structures" }),
            }),
          ),
        ),
      );
    const enrolled = await coordinateur();
    await enrollTotp(enrolled.userId);
    expect((await post(enrolled.email)).location).toBe("/connexion/verification?redirectTo=%2Fstructures");
    const structureId = await createTestStructure();
    const agent = await createTestUser([{ role: "agent", structureId }]);
    expect((await post(agent.email)).location).toBe("/compte/double-authentification?redirectTo=%2Fstructures");
    expect((await post((await coordinateur()).email)).location).toBe("/structures");
  });
});
