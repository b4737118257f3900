import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import AdminOutbox from "./admin.outbox";
import Compte from "./compte";
import DoubleAuthentification from "./compte.double-authentification";
import ConnexionVerification from "./connexion.verification";
import MotDePasseOublie from "./mot-de-passe-oublie";
import Reinitialiser from "./reinitialiser.$token";

/** Server-renders a route component with the given loader (and action) data, as on a first visit. */
function render(Component: ComponentType<never>, path: string, loaderData: unknown, actionData?: unknown): string {
  const Stub = createRoutesStub([
    {
      id: "page",
      path: path.split("?")[0],
      Component: Component as ComponentType,
      loader: () => null,
      action: () => null,
    },
  ]);
  return renderToString(
    <Stub
      initialEntries={[path]}
      hydrationData={{ loaderData: { page: loaderData }, ...(actionData ? { actionData: { page: actionData } } : {}) }}
    />,
  );
}

function h1Count(html: string): number {
  return html.match(/<h1[\s>]/g)?.length ?? 0;
}

const QR = `data:image/svg+xml;base64,${Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>").toString("base64")}`;

describe("second-factor pages", () => {
  it("enrolment: the QR code is an image with a text alternative, the key is text, never inline SVG", () => {
    const html = render(DoubleAuthentification as never, "/compte/double-authentification", {
      status: "enrolling",
      pending: true,
      redirectTo: "/",
      qrCode: QR,
      secret: "ABCD EFGH IJKL MNOP",
    });
    expect(h1Count(html)).toBe(1);
    expect(html).toContain(`src="${QR}"`);
    expect(html).toMatch(/<img [^>]*alt="QR code à scanner[^"]+"/);
    expect(html).not.toContain("<svg");
    expect(html).toContain("ABCD EFGH IJKL MNOP");
    expect(html).toContain('name="code"');
    expect(html).toContain("obligatoire");
  });

  it("enrolment done: the 10 recovery codes, once, with the keep-them notice and a way on", () => {
    const codes = Array.from({ length: 10 }, (_, i) => `abcd${i}-efgh${i}`);
    const html = render(
      DoubleAuthentification as never,
      "/compte/double-authentification",
      { status: "enabled", pending: false, redirectTo: "/structures", remainingRecoveryCodes: 10 },
      { recoveryCodes: codes, redirectTo: "/structures" },
    );
    expect(h1Count(html)).toBe(1);
    for (const code of codes) expect(html).toContain(code);
    expect(html).toContain("Imprimez");
    expect(html).toMatch(/<a class="fr-btn" href="\/structures">/);
  });

  it("enabled: the status instead of the enrolment", () => {
    const html = render(DoubleAuthentification as never, "/compte/double-authentification", {
      status: "enabled",
      pending: false,
      redirectTo: "/",
      remainingRecoveryCodes: 7,
    });
    expect(html).toContain("La double authentification est activée");
    expect(html).toContain("7 codes de secours");
    expect(html).not.toContain("<img");
  });

  it("verification: the code field, and the switch to a recovery code", () => {
    const html = render(ConnexionVerification as never, "/connexion/verification", {
      mode: "totp",
      redirectTo: "/compte",
    });
    expect(h1Count(html)).toBe(1);
    expect(html).toContain("Code à 6 chiffres");
    expect(html).toContain('href="/connexion/verification?secours=1&amp;redirectTo=%2Fcompte"');
    expect(html).toContain("Utiliser un code de secours");
    const secours = render(ConnexionVerification as never, "/connexion/verification?secours=1", {
      mode: "secours",
      redirectTo: "/",
    });
    expect(secours).toContain("Code de secours");
    expect(secours).toContain('value="secours"');
  });
});

describe("password pages", () => {
  it("forgotten password: the form, then the same neutral confirmation for everyone", () => {
    const html = render(MotDePasseOublie as never, "/mot-de-passe-oublie", { sent: false, minutes: 30 });
    expect(h1Count(html)).toBe(1);
    expect(html).toContain('name="email"');
    const sent = render(MotDePasseOublie as never, "/mot-de-passe-oublie?demande=envoyee", { sent: true, minutes: 30 });
    expect(sent).toContain("Si un compte Guichet existe pour cette adresse");
    expect(sent).not.toContain('name="email"');
  });

  it("reset: two password fields, or the invalid-link message", () => {
    const html = render(Reinitialiser as never, "/reinitialiser/abc", { valid: true });
    expect(h1Count(html)).toBe(1);
    expect(html).toContain('name="password"');
    expect(html).toContain('name="confirmation"');
    const invalid = render(Reinitialiser as never, "/reinitialiser/abc", {
      valid: false,
      message: "Ce lien n’est plus valide.",
    });
    expect(invalid).toContain("Ce lien n’est plus valide.");
    expect(invalid).not.toContain('name="password"');
  });
});

describe("account and outbox pages", () => {
  const overview = {
    prenom: "Camille",
    nom: "Test",
    email: "camille@exemple.fr",
    roles: [
      { label: "Agent France Services", scope: "France Services de Bitche", debut: "2025-01-06", fin: "2026-12-31" },
    ],
    secondFactor: { enabled: false, required: true, canDisable: false, remainingRecoveryCodes: 0 },
    apiTokens: [] as Array<{ id: string; name: string; createdAt: string; lastUsedAt: string | null }>,
  };

  it("Mon compte: roles table with a caption, enrolment link, logout-everywhere button", () => {
    const html = render(Compte as never, "/compte", overview);
    expect(h1Count(html)).toBe(1);
    expect(html).toContain("<caption>Vos rôles en vigueur</caption>");
    expect(html).toContain("06/01/2025");
    expect(html).toContain("31/12/2026");
    expect(html).toContain('href="/compte/double-authentification"');
    expect(html).toContain('value="logout_everywhere"');
    expect(html).toContain("Se déconnecter de tous les appareils");
    expect(html).not.toContain('value="disable_2fa"');
  });

  it("Mon compte: the API tokens in a captioned table, name and dates, one revoke form each (issue 12)", () => {
    expect(render(Compte as never, "/compte", overview)).toContain("Vous n’avez aucun jeton d’API en vigueur.");
    const id = "3f0c7a52-1d2e-4b8f-9a41-6c3e2b1d0f99";
    const html = render(Compte as never, "/compte", {
      ...overview,
      apiTokens: [
        { id, name: "Tableur du suivi", createdAt: "2026-03-02T09:15:00.000Z", lastUsedAt: null },
        {
          id: "7d1e0b4c-8a2f-4c3d-b5e6-0f1a2b3c4d5e",
          name: "Script",
          createdAt: "2026-03-02T09:15:00.000Z",
          lastUsedAt: "2026-03-04T16:00:00.000Z",
        },
      ],
    });
    expect(h1Count(html)).toBe(1);
    expect(html).toContain("<caption>Vos jetons d’API en vigueur</caption>");
    expect(html).toContain("Tableur du suivi");
    expect(html).toContain("2 mars 2026");
    expect(html).toContain("Jamais utilisé");
    expect(html).toContain("4 mars 2026");
    expect(html.match(/value="revoke_api_token"/g)).toHaveLength(2);
    expect(html).toContain(`name="tokenId" value="${id}"`);
    expect(html).toContain('Révoquer<span class="fr-sr-only"> le jeton « <!-- -->Tableur du suivi<!-- --> »</span>');
  });

  it("Mon compte: the disable form only when no role requires TOTP", () => {
    const required = render(Compte as never, "/compte", {
      ...overview,
      secondFactor: { enabled: true, required: true, canDisable: false, remainingRecoveryCodes: 9 },
    });
    expect(required).not.toContain('value="disable_2fa"');
    expect(required).toContain("ne peut pas être désactivée");
    const optional = render(Compte as never, "/compte", {
      ...overview,
      secondFactor: { enabled: true, required: false, canDisable: true, remainingRecoveryCodes: 9 },
    });
    expect(optional).toContain('value="disable_2fa"');
  });

  it("outbox: a table with a caption, the text in <pre> with clickable links", () => {
    const html = render(AdminOutbox as never, "/admin/outbox", {
      smtpConfigured: false,
      pageSize: 200,
      mails: [
        {
          id: "1",
          to: "a@exemple.fr",
          subject: "Objet",
          text: "Ouvrez http://localhost:3000/reinitialiser/abc\nMerci",
          createdAt: "2026-01-31T10:00:00.000Z",
        },
      ],
    });
    expect(h1Count(html)).toBe(1);
    expect(html).toContain("<caption>");
    expect(html).toContain("aucun serveur d’envoi de courriels (SMTP)");
    expect(html).toMatch(/<pre[^>]*>Ouvrez <a href="http:\/\/localhost:3000\/reinitialiser\/abc">/);
    expect(html).toContain("31/01/2026");
  });
});
