import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { requireUser } from "../../src/acces/guards.server";
import { requestPasswordReset } from "../../src/auth/password-reset.server";
import { db } from "../../src/db/client.server";
import { outbox } from "../../src/db/schema";
import { sendMail } from "../../src/platform/mail.server";
import {
  auditEntries,
  enrollTotp,
  outcome,
  pendingSession,
  requestWithSession,
  routeArgs,
  sessionOf,
  wrongTotpCode,
} from "../../src/test/auth-support";
import {
  anonymousRequest,
  createTestStructure,
  createTestUser,
  formBody,
  sessionRequest,
} from "../../src/test/factories";
import * as outboxPage from "./admin.outbox";
import * as enrolment from "./compte.double-authentification";
import * as verification from "./connexion.verification";
import * as reinitialiser from "./reinitialiser.$token";

const form = (values: Record<string, string>): RequestInit => ({ method: "POST", body: formBody(values) });

describe("/connexion/verification", () => {
  it("sends an anonymous visitor to login, a complete session home, and a session without TOTP to the enrolment", async () => {
    const { userId } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    await enrollTotp(userId);
    const anonymous = await outcome(() =>
      verification.loader(routeArgs(requestWithSession("jeton-inconnu", "/connexion/verification"))),
    );
    expect(anonymous.location).toBe("/connexion?redirectTo=%2Fconnexion%2Fverification");
    const complete = await outcome(async () =>
      verification.loader(routeArgs(await sessionRequest(userId, "/connexion/verification"))),
    );
    expect(complete.location).toBe("/");
    const agent = await createTestUser([{ role: "agent", structureId: await createTestStructure() }]);
    const { token } = await pendingSession(agent.userId);
    expect(
      (await outcome(() => verification.loader(routeArgs(requestWithSession(token, "/connexion/verification")))))
        .location,
    ).toBe("/compte/double-authentification");
  });

  it("refuses a wrong code with the French field error and status 400, then accepts the right one", async () => {
    const { userId } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    const { secret } = await enrollTotp(userId);
    const { token } = await pendingSession(userId);
    const post = (values: Record<string, string>) =>
      outcome(() => verification.action(routeArgs(requestWithSession(token, "/connexion/verification", form(values)))));

    const malformed = await post({ mode: "totp", code: "12ab" });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.data)).toContain("Le code doit comporter 6 chiffres");

    const wrong = await post({ mode: "totp", code: await wrongTotpCode(secret) });
    expect(wrong.status).toBe(400);
    expect(wrong.data).toMatchObject({
      lastResult: {
        error: { code: ["Code incorrect ou expiré. Saisissez le code à 6 chiffres affiché par votre application."] },
      },
    });

    const right = await post({ mode: "totp", code: await generate({ secret }), redirectTo: "/structures" });
    expect(right.location).toBe("/structures");
    expect((await sessionOf(token))?.secondFactorDone).toBe(true);
  });

  it("takes a recovery code, and ignores an unsafe redirect", async () => {
    const { userId } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    const { recoveryCodes } = await enrollTotp(userId);
    const { token } = await pendingSession(userId);
    const post = (values: Record<string, string>) =>
      outcome(() => verification.action(routeArgs(requestWithSession(token, "/connexion/verification", form(values)))));
    const wrong = await post({ mode: "secours", code: "aaaaa-bbbbb" });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.data)).toContain("Code de secours incorrect ou déjà utilisé.");
    const right = await post({ mode: "secours", code: recoveryCodes[0], redirectTo: "//evil.example/" });
    expect(right.location).toBe("/");
    await expect(requireUser(requestWithSession(token, "/"))).resolves.toMatchObject({ userId });
  });

  it("offers the recovery-code mode", async () => {
    const { userId } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    await enrollTotp(userId);
    const { token } = await pendingSession(userId);
    const data = await verification.loader(
      routeArgs(requestWithSession(token, "/connexion/verification?secours=1&redirectTo=%2Fcompte")),
    );
    expect(data).toEqual({ mode: "secours", redirectTo: "/compte" });
  });
});

describe("/compte/double-authentification", () => {
  it("enrols a user whose role forces it: QR code as an image, key as text, then 10 recovery codes and a complete session", async () => {
    const { userId } = await createTestUser([{ role: "agent", structureId: await createTestStructure() }]);
    const { token } = await pendingSession(userId);
    const page = await enrolment.loader(
      routeArgs(requestWithSession(token, "/compte/double-authentification?redirectTo=%2Fstructures")),
    );
    if (page.status !== "enrolling") throw new Error("expected the enrolment step");
    expect(page.pending).toBe(true);
    expect(page.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(page.qrCode.split(",")[1], "base64").toString("utf8")).toContain("<svg");
    expect(page.secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    const secret = page.secret.replace(/ /g, "");

    const post = async (code: string) =>
      outcome(() =>
        enrolment.action(
          routeArgs(
            requestWithSession(token, "/compte/double-authentification", form({ code, redirectTo: "/structures" })),
          ),
        ),
      );
    const wrong = await post(await wrongTotpCode(secret));
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.data)).toContain("Code incorrect ou expiré");

    const done = await post(await generate({ secret }));
    const result = done.data as { recoveryCodes: string[]; redirectTo: string };
    expect(result.recoveryCodes).toHaveLength(10);
    expect(result.redirectTo).toBe("/structures");
    await expect(requireUser(requestWithSession(token, "/"))).resolves.toMatchObject({ userId, totpEnabled: true });

    const status = await enrolment.loader(routeArgs(requestWithSession(token, "/compte/double-authentification")));
    expect(status).toMatchObject({ status: "enabled", remainingRecoveryCodes: 10 });
  });

  it("forbids caching the pages that show secrets", () => {
    expect(enrolment.headers({} as never)).toEqual({ "Cache-Control": "no-store" });
    expect(reinitialiser.headers({} as never)).toEqual({ "Cache-Control": "no-store" });
  });

  it("sends a pending session of an enrolled user to the verification step", async () => {
    const { userId } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    await enrollTotp(userId);
    const { token } = await pendingSession(userId);
    const result = await outcome(() =>
      enrolment.loader(routeArgs(requestWithSession(token, "/compte/double-authentification"))),
    );
    expect(result.location).toBe("/connexion/verification");
  });
});

describe("/reinitialiser/:token", () => {
  async function tokenFor(email: string): Promise<string> {
    await requestPasswordReset({ email });
    const [mail] = await db().select().from(outbox).where(eq(outbox.to, email));
    return /\/reinitialiser\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
  }

  it("says clearly that an unknown link is invalid", async () => {
    const result = await outcome(() =>
      reinitialiser.loader(routeArgs(anonymousRequest("/reinitialiser/inconnu"), { token: "inconnu" })),
    );
    expect(result.status).toBe(400);
    expect(result.data).toEqual({
      valid: false,
      message: "Ce lien n’est plus valide. Il a peut-être déjà servi ou expiré.",
    });
  });

  it("reports a mismatch on the second field and a short password on the first, keeping nothing typed", async () => {
    const { email } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    const token = await tokenFor(email);
    expect(await reinitialiser.loader(routeArgs(anonymousRequest(`/reinitialiser/${token}`), { token }))).toEqual({
      valid: true,
    });
    const post = (values: Record<string, string>) =>
      outcome(() =>
        reinitialiser.action(routeArgs(anonymousRequest(`/reinitialiser/${token}`, form(values)), { token })),
      );
    const mismatch = await post({ password: "une longue phrase secrète", confirmation: "une autre phrase secrète" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.data).toMatchObject({
      lastResult: { error: { confirmation: ["Les deux mots de passe ne sont pas identiques."] } },
    });
    expect(JSON.stringify(mismatch.data)).not.toContain("phrase secrète");
    const short = await post({ password: "court", confirmation: "court" });
    expect(short.data).toMatchObject({
      lastResult: { error: { password: ["Le mot de passe doit contenir au moins 12 caractères."] } },
    });
  });

  it("sets the password and sends to the login page; the link then fails with a form error", async () => {
    const { email } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    const token = await tokenFor(email);
    const post = () =>
      outcome(() =>
        reinitialiser.action(
          routeArgs(
            anonymousRequest(
              `/reinitialiser/${token}`,
              form({ password: "une longue phrase secrète", confirmation: "une longue phrase secrète" }),
            ),
            { token },
          ),
        ),
      );
    const done = await post();
    expect(done.location).toBe("/connexion?motif=reinitialise");
    const again = await post();
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.data)).toContain("Ce lien n’est plus valide");
  });
});

describe("/admin/outbox", () => {
  it("lists the kept mails, newest first, and journals the view", async () => {
    const { userId } = await createTestUser([{ role: "admin" }]);
    await db()
      .insert(outbox)
      .values({
        to: "destinataire@exemple.fr",
        subject: "Premier",
        text: "Rien",
        createdAt: new Date(Date.now() - 60_000),
      });
    await sendMail({ to: "destinataire@exemple.fr", subject: "Second", text: "Lien : http://localhost:3000/x" });
    const page = await outboxPage.loader(routeArgs(await sessionRequest(userId, "/admin/outbox")));
    const subjects = page.mails.map((mail) => mail.subject);
    expect(subjects).toContain("Premier");
    expect(subjects.indexOf("Second")).toBeLessThan(subjects.indexOf("Premier"));
    expect(page.smtpConfigured).toBe(false);
    expect((await auditEntries("outbox.viewed")).some((entry) => entry.actorId === userId)).toBe(true);
  });

  it("is refused to anyone but an administrator", async () => {
    const { userId } = await createTestUser([{ role: "coordinateur", departement: "57" }]);
    const result = await outcome(async () =>
      outboxPage.loader(routeArgs(await sessionRequest(userId, "/admin/outbox"))),
    );
    expect(result.status).toBe(403);
  });
});
