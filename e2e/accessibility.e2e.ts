import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { flattenRoutes } from "../app/route-list";
import { parisDay, shiftDay } from "../src/platform/time";
import {
  DEMO_PASSWORD,
  expectNoAxeViolations,
  expectNotErrorPage,
  expectOneH1,
  gotoPage,
  loginAs,
  logout,
  pathnameOf,
  readTotpSecret,
  rememberTotpSecret,
  setupBrowser,
  submitLoginForm,
  submitTotpCode,
  trackPageErrors,
  waitForApp,
} from "./fixtures";

/**
 * axe-core on every page of app/routes.ts, as a role allowed to see it: 0 violations.
 * Dynamic pages take their ids from the demo data by following links, as a user would.
 */
const AGENT = "agent@demo.guichet.test";
const AGENT_ITINERANT = "agent.itinerant@demo.guichet.test";
const RESPONSABLE = "responsable@demo.guichet.test";
const REFERENT = "referent.caf@demo.guichet.test";
const COORDINATEUR = "coordinateur@demo.guichet.test";
const NATIONAL = "national@demo.guichet.test";
const ADMIN = "admin@demo.guichet.test";
/** The one account whose second factor this suite turns on (no other test logs in with it). */
const TOTP_ACCOUNT = "referent.dgfip@demo.guichet.test";

type Visit = {
  /** Demo account to log in with; null for an anonymous visitor. */
  as: string | null;
  /** The address, or how to find it from the demo data (the page is logged in already). */
  url: string | ((page: Page) => Promise<string>);
  /**
   * What the visitor must get: the page itself (status 200, default), the error page with this
   * status, or the "invalid link" answer of a token page (its status may be 200, 400, 404 or 410).
   */
  expect?: { errorStatus: number } | "invalid-link";
};
type Plan = { visits: Visit[] } | { notAPage: string } | { dedicatedTest: string };

/** Opens `listUrl` and takes the first link whose address matches `pattern` (then derives the page from it). */
function firstLink(listUrl: string, pattern: RegExp, derive = (href: string) => href) {
  return async (page: Page): Promise<string> => {
    await gotoPage(page, listUrl);
    const hrefs = await page
      .locator("main a[href]")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    const href = hrefs.find((candidate) => pattern.test(candidate));
    if (!href) throw new Error(`No link matching ${pattern} on ${listUrl} (links: ${hrefs.join(", ") || "none"})`);
    return derive(href);
  };
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const STRUCTURE_LINK = new RegExp(`^/structures/${UUID}$`);
const USER_LINK = new RegExp(`^/utilisateurs/${UUID}$`);
const PASSAGE_LINK = new RegExp(`^/accueil/passages/${UUID}$`);
const INVALID_LINK = /n’est plus valide|invalide|expiré|code inconnu/i;

/** The demo generates activity on weekdays up to now: the last weekday before today always has some. */
const LAST_WORKED_DAY = (() => {
  let day = shiftDay(parisDay(), -1);
  while ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) day = shiftDay(day, -1);
  return day;
})();

const PAGE_PLAN: Record<string, Plan> = {
  "/": {
    visits: [AGENT, AGENT_ITINERANT, RESPONSABLE, REFERENT, COORDINATEUR, NATIONAL, ADMIN].map((as) => ({
      as,
      url: "/",
    })),
  },
  "/connexion": { visits: [{ as: null, url: "/connexion" }] },
  "/connexion/verification": { dedicatedTest: "the second-factor pages" },
  "/deconnexion": { notAPage: "POST target of the header's logout button (login.e2e.ts)" },
  "/mot-de-passe-oublie": { visits: [{ as: null, url: "/mot-de-passe-oublie" }] },
  "/reinitialiser/:token": { visits: [{ as: null, url: "/reinitialiser/lien-inconnu", expect: "invalid-link" }] },
  "/invitation/:token": { visits: [{ as: null, url: "/invitation/lien-inconnu", expect: "invalid-link" }] },
  "/accessibilite": {
    visits: [
      { as: null, url: "/accessibilite" },
      { as: AGENT, url: "/accessibilite" },
    ],
  },
  "/donnees-personnelles": { visits: [{ as: null, url: "/donnees-personnelles" }] },
  "/mentions-legales": { visits: [{ as: null, url: "/mentions-legales" }] },
  "/healthz": { notAPage: "plain-text health check (the harness waits on it)" },
  "/compte": {
    visits: [
      { as: AGENT, url: "/compte" },
      { as: ADMIN, url: "/compte" },
    ],
  },
  "/compte/double-authentification": { dedicatedTest: "the second-factor pages" },
  "/structure-courante": { notAPage: "POST target of the header's structure switcher (navigation.e2e.ts)" },
  "/structures": {
    visits: [
      { as: AGENT, url: "/structures" },
      { as: COORDINATEUR, url: "/structures" },
      { as: NATIONAL, url: "/structures" },
    ],
  },
  "/structures/nouvelle": { visits: [{ as: COORDINATEUR, url: "/structures/nouvelle" }] },
  "/structures/:id": {
    visits: [
      { as: AGENT, url: firstLink("/structures", STRUCTURE_LINK) },
      { as: COORDINATEUR, url: firstLink("/structures", STRUCTURE_LINK) },
    ],
  },
  "/structures/:id/modifier": {
    visits: [{ as: COORDINATEUR, url: firstLink("/structures", STRUCTURE_LINK, (href) => `${href}/modifier`) }],
  },
  "/accueil": {
    visits: [
      { as: AGENT, url: "/accueil" },
      { as: RESPONSABLE, url: "/accueil" },
    ],
  },
  "/accueil/passages/:id": {
    visits: [{ as: AGENT, url: firstLink(`/accueil/journee?date=${LAST_WORKED_DAY}`, PASSAGE_LINK) }],
  },
  "/accueil/journee": {
    visits: [
      { as: AGENT, url: "/accueil/journee" },
      { as: RESPONSABLE, url: "/accueil/journee" },
    ],
  },
  "/accueil/file-attente": {
    visits: [
      { as: AGENT, url: "/accueil/file-attente" },
      { as: AGENT_ITINERANT, url: "/accueil/file-attente" },
    ],
  },
  "/s/:structure/ecran": {
    visits: [
      {
        as: AGENT,
        url: firstLink("/structures", STRUCTURE_LINK, (href) => `${href.replace(/^\/structures\//, "/s/")}/ecran`),
      },
    ],
  },
  "/partenaires": {
    visits: [
      { as: REFERENT, url: "/partenaires" },
      { as: COORDINATEUR, url: "/partenaires" },
    ],
  },
  "/utilisateurs": {
    visits: [
      { as: RESPONSABLE, url: "/utilisateurs" },
      { as: COORDINATEUR, url: "/utilisateurs" },
      { as: ADMIN, url: "/utilisateurs" },
    ],
  },
  "/utilisateurs/inviter": {
    visits: [
      { as: RESPONSABLE, url: "/utilisateurs/inviter" },
      { as: COORDINATEUR, url: "/utilisateurs/inviter" },
    ],
  },
  "/utilisateurs/:id": {
    visits: [
      { as: RESPONSABLE, url: firstLink("/utilisateurs", USER_LINK) },
      { as: ADMIN, url: firstLink("/utilisateurs", USER_LINK) },
    ],
  },
  "/admin/outbox": {
    visits: [
      { as: ADMIN, url: "/admin/outbox" },
      { as: AGENT, url: "/admin/outbox", expect: { errorStatus: 403 } },
    ],
  },
  "/admin/journal": {
    visits: [
      { as: ADMIN, url: "/admin/journal" },
      { as: COORDINATEUR, url: "/admin/journal", expect: { errorStatus: 403 } },
    ],
  },
  "/pilotage": { notAPage: "redirects each role to its own dashboard (navigation.e2e.ts)" },
  "/pilotage/structures/:id": { dedicatedTest: "pilotage.e2e.ts" },
  "/pilotage/departements/:code": { dedicatedTest: "pilotage.e2e.ts" },
  "/pilotage/national": { dedicatedTest: "pilotage.e2e.ts" },
  "/pilotage/export": { notAPage: "file downloads (pilotage.e2e.ts)" },
  "/pilotage/enregistrements.csv": { notAPage: "CSV download" },
  "/donnees-ouvertes/structures.csv": { notAPage: "open data CSV" },
  "/donnees-ouvertes/lieux-mediation-numerique.json": { notAPage: "open data JSON" },
  "/api/v1/reports": { notAPage: "JSON API" },
  "/donnees-personnelles/registre": { notAPage: "plain-text register (docs/rgpd.md)" },
  "/usagers": { dedicatedTest: "usagers.e2e.ts" },
  "/usagers/nouveau": { dedicatedTest: "usagers.e2e.ts" },
  "/usagers/notice.pdf": { notAPage: "PDF download" },
  "/usagers/:id": { dedicatedTest: "usagers.e2e.ts" },
  "/usagers/:id/notice": { dedicatedTest: "usagers.e2e.ts" },
  "/usagers/:id/export.json": { notAPage: "JSON download" },
  "/usagers/:id/export.pdf": { notAPage: "PDF download" },
  "/demarches": { visits: [{ as: AGENT, url: "/demarches" }] },
  "/demarches/nouvelle": { dedicatedTest: "usagers.e2e.ts" },
  "/demarches/:id": { dedicatedTest: "usagers.e2e.ts" },
  "/demarches/:id/fiche-transmission.pdf": { notAPage: "PDF download" },
  "/demarches/:id/rendez-vous": { dedicatedTest: "usagers.e2e.ts" },
  "/demarches/:id/rendez-vous.pdf": { notAPage: "PDF download" },
  "/mandats/nouveau": { dedicatedTest: "usagers.e2e.ts" },
  "/mandats/:id": { dedicatedTest: "usagers.e2e.ts" },
  "/mandats/:id/document.pdf": { notAPage: "PDF download" },
  "/mandats/:id/attestation.pdf": { notAPage: "PDF download" },
  "/verifier-mandat/:code": { visits: [{ as: null, url: "/verifier-mandat/CODE-INCONNU", expect: "invalid-link" }] },
  "/api/v1/usagers": { notAPage: "JSON API" },
  "/api/v1/usagers/recherche": { notAPage: "JSON API" },
  "/api/v1/usagers/:id": { notAPage: "JSON API" },
  "/api/v1/demarches": { notAPage: "JSON API" },
  "/api/v1/demarches/:id": { notAPage: "JSON API" },
  "/api/v1/mandats": { notAPage: "JSON API" },
  "/api/v1/mandats/:id": { notAPage: "JSON API" },
  "/api/v1/mandats/:id/revoke": { notAPage: "JSON API" },
  "/api/v1/mandats/:id/document.pdf": { notAPage: "PDF API" },
  "/saisines": {
    visits: [
      { as: AGENT, url: "/saisines" },
      { as: REFERENT, url: "/saisines" },
    ],
  },
  "/saisines/nouvelle": { dedicatedTest: "saisines.e2e.ts" },
  "/saisines/:id": { dedicatedTest: "saisines.e2e.ts" },
  "/referents": {
    visits: [
      { as: AGENT, url: "/referents" },
      { as: COORDINATEUR, url: "/referents" },
    ],
  },
  "/referents/:id": { dedicatedTest: "saisines.e2e.ts" },
  "/api/v1/saisines": { notAPage: "JSON API" },
  "/api/v1/saisines/:id": { notAPage: "JSON API" },
  "/api/v1/referents": { notAPage: "JSON API" },
  "/api/v1/me": { notAPage: "JSON API" },
  "/api/v1/structures": { notAPage: "JSON API" },
  "/api/v1/passages": { notAPage: "JSON API" },
  "/api/v1/openapi.json": { notAPage: "JSON API description" },
  "/api/v1/*": { notAPage: "JSON API (unknown addresses answer a JSON 404)" },
  "/*": {
    visits: [
      { as: null, url: "/cette-page-n-existe-pas", expect: { errorStatus: 404 } },
      { as: AGENT, url: "/cette-page-n-existe-pas/non-plus", expect: { errorStatus: 404 } },
    ],
  },
};

const browser = setupBrowser();

describe("accessibility (axe-core, 0 violations)", () => {
  it("plans a visit for every route of app/routes.ts", () => {
    const routes = flattenRoutes().map((route) => route.path);
    expect(Object.keys(PAGE_PLAN).sort()).toEqual([...routes].sort());
  });

  const visits = Object.entries(PAGE_PLAN).flatMap(([route, plan]) =>
    "visits" in plan ? plan.visits.map((visit) => ({ route, visit })) : [],
  );

  function describeVisit(route: string, visit: Visit): string {
    const outcome =
      visit.expect === "invalid-link" ? " (invalid link)" : visit.expect ? ` (${visit.expect.errorStatus})` : "";
    return `${route} as ${visit.as ?? "anonymous"}${outcome}`;
  }

  it.each(visits.map(({ route, visit }) => [describeVisit(route, visit), visit] as const))(
    "%s",
    async (_name, visit) => {
      const page = browser.page;
      const errors = trackPageErrors(page);
      if (visit.as) await loginAs(page, visit.as);
      const url = typeof visit.url === "string" ? visit.url : await visit.url(page);
      const response = await gotoPage(page, url);
      expect(pathnameOf(page), `${url} redirected`).toBe(new URL(url, "http://x").pathname);
      if (visit.expect === "invalid-link") {
        expect([200, 400, 404, 410], `status of ${url}`).toContain(response.status());
        expect(await page.locator("main").innerText()).toMatch(INVALID_LINK);
      } else if (visit.expect) {
        expect(response.status(), `status of ${url}`).toBe(visit.expect.errorStatus);
        expect(await page.locator("main").innerText()).toContain(`Erreur ${visit.expect.errorStatus}`);
      } else {
        expect(response.status(), `status of ${url}`).toBe(200);
        await expectNotErrorPage(page);
      }
      await expectOneH1(page);
      await expectNoAxeViolations(page);
      expect(errors).toEqual([]);
    },
  );

  it("the second-factor pages: enrolment, then the verification step at the next login", async () => {
    const page = browser.page;
    const errors = trackPageErrors(page);
    await loginAs(page, TOTP_ACCOUNT);

    await gotoPage(page, "/compte/double-authentification");
    await expectNotErrorPage(page);
    await expectOneH1(page);
    await expectNoAxeViolations(page);
    const secret = await readTotpSecret(page);
    await submitTotpCode(page, secret);
    await rememberTotpSecret(TOTP_ACCOUNT, secret);
    await waitForApp(page);
    await expectNotErrorPage(page);
    // The recovery codes (shown once) must be as accessible as the rest.
    await expectNoAxeViolations(page);

    await logout(page);
    await submitLoginForm(page, TOTP_ACCOUNT, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/connexion/verification");
    await waitForApp(page);
    await expectNotErrorPage(page);
    await expectOneH1(page);
    await expectNoAxeViolations(page);

    await submitTotpCode(page, secret);
    await page.waitForURL((url) => url.pathname === "/");
    await waitForApp(page);
    await expectNotErrorPage(page);
    expect(errors).toEqual([]);
  });
});
