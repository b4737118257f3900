import { count, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as motDePasseOublie from "../../app/routes/mot-de-passe-oublie";
import { requireOperator } from "../acces/operator";
import { createUser } from "../comptes/create-user.server";
import { db } from "../db/client.server";
import { apiTokens, outbox, passwordResetTokens } from "../db/schema";
import { sha256Hex } from "../platform/crypto.server";
import {
  apiStatus,
  apiStatusAfter,
  appErrorOf,
  auditEntries,
  outcome,
  routeArgs,
  sessionCount,
} from "../test/auth-support";
import { anonymousRequest, formBody } from "../test/factories";
import { createApiToken } from "./api-tokens.server";
import { login } from "./login.server";
import { completePasswordReset, requestPasswordReset, resetTokenIsValid } from "./password-reset.server";
import { createSession } from "./session.server";

afterEach(() => vi.useRealTimers());

const NEW_PASSWORD = "une phrase de passe toute neuve";
let counter = 0;

/** A user with a name that cannot appear in a mail by chance. */
async function user() {
  counter++;
  const email = `reinit-${counter}@exemple.fr`;
  const userId = await createUser(requireOperator(), {
    email,
    prenom: "Zéphyrine",
    nom: "Quintessence",
    password: "ancien-mot-de-passe-123",
    roles: [{ role: "coordinateur", departement: "57" }],
  });
  return { userId, email };
}

async function mailsTo(email: string) {
  return db().select().from(outbox).where(eq(outbox.to, email));
}

async function outboxSize(): Promise<number> {
  const [row] = await db().select({ n: count() }).from(outbox);
  return row.n;
}

/** Requests a reset and returns the token read from the mail's link. */
async function requestToken(email: string): Promise<string> {
  await requestPasswordReset({ email, ip: "192.0.2.50" });
  const mails = await mailsTo(email);
  const match = /http:\/\/localhost:3000\/reinitialiser\/([A-Za-z0-9_-]+)/.exec(mails.at(-1)!.text);
  return match![1];
}

describe("password reset request", () => {
  it("mails a link and nothing personal, stores only the token's hash, and audits the request", async () => {
    const { userId, email } = await user();
    const token = await requestToken(email);
    const [mail] = await mailsTo(email);
    expect(mail.subject).toBe("Réinitialisation de votre mot de passe Guichet");
    expect(mail.text).toContain(`http://localhost:3000/reinitialiser/${token}`);
    expect(mail.text).not.toContain("Zéphyrine");
    expect(mail.text).not.toContain("Quintessence");
    expect(mail.text).not.toContain(email);
    const rows = await db().select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, userId));
    expect(rows.map((row) => row.tokenHash)).toEqual([sha256Hex(token)]);
    const audit = (await auditEntries("auth.password_reset.requested")).filter((entry) => entry.targetId === userId);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(email);
  });

  it("answers an unknown address exactly like a known one, and sends nothing", async () => {
    const { email } = await user();
    const post = (address: string) =>
      outcome(() =>
        motDePasseOublie.action(
          routeArgs(anonymousRequest("/mot-de-passe-oublie", { method: "POST", body: formBody({ email: address }) })),
        ),
      );
    const known = await post(email);
    const before = await outboxSize();
    const unknown = await post("personne-ici@exemple.fr");
    expect(unknown).toEqual(known);
    expect(known).toMatchObject({ status: 302, location: "/mot-de-passe-oublie?demande=envoyee" });
    expect(await outboxSize()).toBe(before);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it("refuses an invalid address with a French message and status 400", async () => {
    const result = await outcome(() =>
      motDePasseOublie.action(
        routeArgs(
          anonymousRequest("/mot-de-passe-oublie", { method: "POST", body: formBody({ email: "pas-une-adresse" }) }),
        ),
      ),
    );
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("Saisissez une adresse électronique valide");
  });

  it("sends at most 3 links per account and per hour, silently", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    vi.setSystemTime(start);
    const { email } = await user();
    for (let i = 0; i < 5; i++) await requestPasswordReset({ email });
    expect(await mailsTo(email)).toHaveLength(3);
    vi.setSystemTime(start + 61 * 60_000);
    await requestPasswordReset({ email });
    expect(await mailsTo(email)).toHaveLength(4);
  });
});

describe("password reset completion", () => {
  it("sets the password, ends every session of the user only, and audits", async () => {
    const { userId, email } = await user();
    const other = await user();
    await createSession(userId, true);
    await createSession(userId, false);
    await createSession(other.userId, true);
    const token = await requestToken(email);
    expect(await resetTokenIsValid(token)).toBe(true);
    await completePasswordReset({ token, password: NEW_PASSWORD, ip: "192.0.2.51" });
    expect(await sessionCount(userId)).toBe(0);
    expect(await sessionCount(other.userId)).toBe(1);
    await expect(
      login({ email, password: NEW_PASSWORD, ip: "192.0.2.52", userAgent: "vitest" }),
    ).resolves.toMatchObject({ userId });
    expect(
      (await auditEntries("auth.password_reset.completed")).filter((entry) => entry.targetId === userId),
    ).toHaveLength(1);
  });

  it("revokes every API token of the user, not other users' (ADR 004)", async () => {
    const { userId, email } = await user();
    const other = await user();
    const mine = await createApiToken({ email, name: "Script" });
    const theirs = await createApiToken({ email: other.email, name: "Script" });
    const token = await requestToken(email);
    const status = await apiStatusAfter(mine.token, () =>
      completePasswordReset({ token, password: NEW_PASSWORD, ip: "192.0.2.51" }),
    );
    expect(status).toBe(401);
    expect(await apiStatus(theirs.token)).toBe(200);
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, mine.id));
    expect(row.revokedAt).not.toBeNull();
    expect((await auditEntries("api_token.revoked")).filter((entry) => entry.targetId === mine.id)).toMatchObject([
      { actorId: userId },
    ]);
  });

  it("accepts a link once only, and spends the account's other pending links", async () => {
    const { email } = await user();
    const older = await requestToken(email);
    const token = await requestToken(email);
    await completePasswordReset({ token, password: NEW_PASSWORD });
    expect(await resetTokenIsValid(token)).toBe(false);
    const again = await appErrorOf(completePasswordReset({ token, password: "encore un autre mot de passe" }));
    expect(again).toMatchObject({
      code: "auth.invalid_token",
      message: "Ce lien n’est plus valide. Il a peut-être déjà servi ou expiré.",
    });
    expect(
      (await appErrorOf(completePasswordReset({ token: older, password: "encore un autre mot de passe" }))).code,
    ).toBe("auth.invalid_token");
    await expect(
      login({ email, password: NEW_PASSWORD, ip: "192.0.2.53", userAgent: "vitest" }),
    ).resolves.toBeDefined();
  });

  it("expires after 30 minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    vi.setSystemTime(start);
    const { email } = await user();
    const token = await requestToken(email);
    vi.setSystemTime(start + 29 * 60_000);
    expect(await resetTokenIsValid(token)).toBe(true);
    vi.setSystemTime(start + 30 * 60_000);
    expect(await resetTokenIsValid(token)).toBe(false);
    expect((await appErrorOf(completePasswordReset({ token, password: NEW_PASSWORD }))).code).toBe(
      "auth.invalid_token",
    );
  });

  it("refuses an unknown or absurd token", async () => {
    expect(await resetTokenIsValid("inconnu")).toBe(false);
    expect(await resetTokenIsValid("x".repeat(500))).toBe(false);
    expect((await appErrorOf(completePasswordReset({ token: "inconnu", password: NEW_PASSWORD }))).code).toBe(
      "auth.invalid_token",
    );
  });
});
