import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { requireOperator } from "../acces/operator";
import { db } from "../db/client.server";
import { recoveryCodes, sessions, users } from "../db/schema";
import { config, setConfig } from "../platform/config.server";
import {
  appErrorOf,
  auditEntries,
  enrollTotp,
  pendingSession,
  sessionCount,
  sessionOf,
  sessionTokenOf,
  wrongTotpCode,
} from "../test/auth-support";
import { createTestStructure, createTestUser, TEST_PASSWORD, testActor } from "../test/factories";
import { login } from "./login.server";
import { createSession } from "./session.server";
import {
  confirmEnrollment,
  disableSecondFactor,
  remainingRecoveryCodes,
  resetSecondFactor,
  startEnrollment,
  verifySecondFactor,
} from "./totp.server";

const original = { ...config() };
// A coordinateur stands for a role left out of the policy, except in the test of the default policy.
const NOT_FOR_COORDINATEURS = ["agent", "responsable", "referent"] as const;
beforeEach(() => setConfig({ TOTP_REQUIRED_ROLES: [...NOT_FOR_COORDINATEURS] }));
afterEach(() => setConfig(original));

async function agent() {
  return createTestUser([{ role: "agent", structureId: await createTestStructure() }]);
}

function coordinateur() {
  return createTestUser([{ role: "coordinateur", departement: "57" }]);
}

describe("TOTP enrolment", () => {
  it("refuses a wrong code, then enables TOTP with a code from the app and returns 10 recovery codes", async () => {
    const { userId } = await agent();
    const { token, actor } = await pendingSession(userId);
    const { secret, qrSvg } = await startEnrollment(actor);
    expect(qrSvg).toContain("<svg");
    expect((await startEnrollment(actor)).secret, "reloading the page keeps the same secret").toBe(secret);

    const wrong = await appErrorOf(confirmEnrollment(actor, await wrongTotpCode(secret)));
    expect(wrong).toMatchObject({ code: "auth.invalid_totp", field: "code" });
    expect((await testActor(userId)).totpEnabled).toBe(false);

    const codes = await confirmEnrollment(actor, await generate({ secret }));
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    expect((await testActor(userId)).totpEnabled).toBe(true);
    expect((await sessionOf(token))?.secondFactorDone, "the enrolling session becomes complete").toBe(true);
    expect(await remainingRecoveryCodes(userId)).toBe(10);
    const stored = await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    expect(stored.map((row) => row.codeHash)).not.toContain(codes[0]);
    expect((await auditEntries("auth.2fa.enabled")).some((entry) => entry.targetId === userId)).toBe(true);
  });
});

describe("second step of the login", () => {
  it("accepts the current TOTP code and refuses a wrong one", async () => {
    const { userId } = await coordinateur();
    const { secret } = await enrollTotp(userId);
    const { token, actor } = await pendingSession(userId);
    const wrong = await appErrorOf(verifySecondFactor(actor, await wrongTotpCode(secret)));
    expect(wrong).toMatchObject({ code: "auth.invalid_totp", field: "code" });
    expect((await sessionOf(token))?.secondFactorDone).toBe(false);
    await verifySecondFactor(actor, await generate({ secret }));
    expect((await sessionOf(token))?.secondFactorDone).toBe(true);
    expect((await auditEntries("auth.2fa.verified")).some((entry) => entry.actorId === userId)).toBe(true);
  });

  it("accepts a recovery code once only", async () => {
    const { userId } = await coordinateur();
    const { recoveryCodes: codes } = await enrollTotp(userId);
    const first = await pendingSession(userId);
    await verifySecondFactor(first.actor, ` ${codes[3].toUpperCase()} `);
    expect((await sessionOf(first.token))?.secondFactorDone).toBe(true);
    expect(await remainingRecoveryCodes(userId)).toBe(9);

    const second = await pendingSession(userId);
    const reused = await appErrorOf(verifySecondFactor(second.actor, codes[3]));
    expect(reused).toMatchObject({
      code: "auth.invalid_recovery_code",
      message: "Code de secours incorrect ou déjà utilisé.",
    });
    expect((await sessionOf(second.token))?.secondFactorDone).toBe(false);
    await verifySecondFactor(second.actor, codes[4]);
    expect(await remainingRecoveryCodes(userId)).toBe(8);
    expect(
      (await auditEntries("auth.2fa.recovery_code_used")).filter((entry) => entry.actorId === userId),
    ).toHaveLength(2);
  });

  it("throttles wrong codes, and a new password login does not reset the count", async () => {
    setConfig({ LOGIN_MAX_FAILURES_ACCOUNT: 3, LOGIN_MAX_FAILURES_IP: 100 });
    const { userId, email } = await coordinateur();
    const { secret } = await enrollTotp(userId);
    const context = { ip: "203.0.113.7", userAgent: "vitest" };
    for (let i = 0; i < 3; i++) {
      const { actor } = await pendingSession(userId);
      expect((await appErrorOf(verifySecondFactor(actor, await wrongTotpCode(secret), context))).code).toBe(
        "auth.invalid_totp",
      );
    }
    const relog = await login({ email, password: TEST_PASSWORD, ip: "203.0.113.8", userAgent: "vitest" });
    expect(relog.next).toBe("verify_totp");
    const { actor } = await pendingSession(userId);
    const throttled = await appErrorOf(verifySecondFactor(actor, await generate({ secret }), context));
    expect(throttled).toMatchObject({ code: "auth.throttled", status: 429 });
  });
});

describe("one secret per setup, one session per code", () => {
  it("gives each session's setup its own secret, and confirming one voids the others", async () => {
    const { userId } = await agent();
    const intruder = await pendingSession(userId);
    const owner = await pendingSession(userId);
    const seenByIntruder = (await startEnrollment(intruder.actor)).secret;
    const ownerSecret = (await startEnrollment(owner.actor)).secret;
    expect(ownerSecret).not.toBe(seenByIntruder);
    await confirmEnrollment(owner.actor, await generate({ secret: ownerSecret }));
    const [user] = await db().select().from(users).where(eq(users.id, userId));
    expect(user.totpSecret).toBe(ownerSecret);
    const late = await appErrorOf(confirmEnrollment(intruder.actor, await generate({ secret: seenByIntruder })));
    expect(late).toMatchObject({ code: "auth.invalid_totp" });
    const pending = await db().select().from(sessions).where(eq(sessions.userId, userId));
    expect(pending.map((session) => session.pendingTotpSecret)).toEqual([null, null]);
  });

  it("accepts a code once: the same code cannot verify a second session, even in parallel", async () => {
    const { userId } = await coordinateur();
    const { secret } = await enrollTotp(userId);
    const code = await generate({ secret });
    const first = await pendingSession(userId);
    const second = await pendingSession(userId);
    const third = await pendingSession(userId);
    const results = await Promise.allSettled([
      verifySecondFactor(first.actor, code),
      verifySecondFactor(second.actor, code),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await appErrorOf(verifySecondFactor(third.actor, code))).toMatchObject({ code: "auth.invalid_totp" });
    const done = await Promise.all([first, second, third].map(({ token }) => sessionOf(token)));
    expect(done.filter((session) => session?.secondFactorDone)).toHaveLength(1);
  });
});

describe("second-factor throttling under concurrency", () => {
  it("checks at most the limit of N parallel wrong codes", async () => {
    setConfig({ LOGIN_MAX_FAILURES_ACCOUNT: 5, LOGIN_MAX_FAILURES_IP: 1000 });
    const { userId } = await coordinateur();
    const { secret } = await enrollTotp(userId);
    const { actor } = await pendingSession(userId);
    const wrong = await wrongTotpCode(secret);
    const errors = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        appErrorOf(verifySecondFactor(actor, wrong, { ip: `203.0.113.${100 + index}`, userAgent: "vitest" })),
      ),
    );
    expect(errors.filter((error) => error.code === "auth.invalid_totp")).toHaveLength(5);
    expect(errors.filter((error) => error.code === "auth.throttled")).toHaveLength(25);
  });
});

describe("second-factor policy", () => {
  it("requires TOTP for an agent outside demo mode: the login leads to enrolment with an incomplete session", async () => {
    const { email } = await agent();
    const result = await login({ email, password: TEST_PASSWORD, ip: "203.0.113.20", userAgent: "vitest" });
    expect(result.next).toBe("enroll_totp");
    expect((await sessionOf(sessionTokenOf(result.cookie)))?.secondFactorDone).toBe(false);
  });

  it("does not require it in demo mode", async () => {
    setConfig({ DEMO_MODE: true });
    const { email } = await agent();
    const result = await login({ email, password: TEST_PASSWORD, ip: "203.0.113.21", userAgent: "vitest" });
    expect(result.next).toBe("home");
    expect((await sessionOf(sessionTokenOf(result.cookie)))?.secondFactorDone).toBe(true);
  });

  it("requires it for every role by default, coordinateurs, national and admins included", async () => {
    setConfig({ TOTP_REQUIRED_ROLES: original.TOTP_REQUIRED_ROLES });
    for (const role of ["coordinateur", "national", "admin"] as const) {
      const { email } = await createTestUser([role === "coordinateur" ? { role, departement: "57" } : { role }]);
      const result = await login({ email, password: TEST_PASSWORD, ip: "203.0.113.23", userAgent: "vitest" });
      expect(result.next, role).toBe("enroll_totp");
    }
  });

  it("does not require it for a role left out of the policy, but asks for it once enabled", async () => {
    const { userId, email } = await coordinateur();
    expect((await login({ email, password: TEST_PASSWORD, ip: "203.0.113.22", userAgent: "vitest" })).next).toBe(
      "home",
    );
    await enrollTotp(userId);
    expect((await login({ email, password: TEST_PASSWORD, ip: "203.0.113.22", userAgent: "vitest" })).next).toBe(
      "verify_totp",
    );
  });
});

describe("turning the second factor off", () => {
  it("is allowed when no role requires it, with a current code, and is audited", async () => {
    const { userId } = await coordinateur();
    const { secret } = await enrollTotp(userId);
    const actor = await testActor(userId);
    expect((await appErrorOf(disableSecondFactor(actor, await wrongTotpCode(secret)))).code).toBe("auth.invalid_totp");
    await disableSecondFactor(actor, await generate({ secret }), { ip: "203.0.113.30" });
    const [user] = await db().select().from(users).where(eq(users.id, userId));
    expect(user.totpEnabledAt).toBeNull();
    expect(user.totpSecret).toBeNull();
    expect(await remainingRecoveryCodes(userId)).toBe(0);
    expect((await auditEntries("auth.2fa.disabled")).filter((entry) => entry.targetId === userId)).toHaveLength(1);
  });

  it("is refused when a role requires it", async () => {
    const { userId } = await agent();
    const { secret } = await enrollTotp(userId);
    const error = await appErrorOf(disableSecondFactor(await testActor(userId), await generate({ secret })));
    expect(error).toMatchObject({ code: "auth.second_factor_required", status: 403 });
    expect((await testActor(userId)).totpEnabled).toBe(true);
  });
});

describe("resetting a lost second factor", () => {
  it("removes TOTP and recovery codes, and ends every session of the user only", async () => {
    const { userId, email } = await agent();
    const other = await agent();
    await enrollTotp(userId);
    await createSession(userId, true);
    await createSession(userId, false);
    await createSession(other.userId, true);
    await resetSecondFactor(requireOperator(), email);
    expect(await sessionCount(userId)).toBe(0);
    expect(await sessionCount(other.userId)).toBe(1);
    expect((await testActor(userId)).totpEnabled).toBe(false);
    expect(await remainingRecoveryCodes(userId)).toBe(0);
    expect(
      (await auditEntries("auth.2fa.reset")).some((entry) => entry.targetId === userId && entry.role === "cli"),
    ).toBe(true);
    expect((await login({ email, password: TEST_PASSWORD, ip: "203.0.113.40", userAgent: "vitest" })).next).toBe(
      "enroll_totp",
    );
  });
});
