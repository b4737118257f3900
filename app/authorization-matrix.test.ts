import { beforeAll, describe, expect, it } from "vitest";
import { callRoute, type RouteActors, type RouteIds, setUpRouteActors, WHO, type Who } from "../src/test/route-actors";
import { flattenRoutes } from "./route-list";

// The authorization matrix: every route of app/routes.ts, every kind of user (src/test/route-actors.ts),
// allowed or denied. A route added without an entry here makes this test fail.

/** ok: served (2xx, 400 validation, or a redirect the route returns); login: sent to /connexion; home: sent to "/" (pages for anonymous users); forbidden: 403; notfound: 404 (out of scope looks like absent); unauthorized: API 401. */
type Outcome = "ok" | "login" | "home" | "forbidden" | "notfound" | "unauthorized";
type Expectations = Record<Who, Outcome>;
type Spec = { loader?: Expectations; action?: Expectations; params?: (ids: Ids) => Record<string, string> };
type Ids = RouteIds;

const all = (outcome: Outcome, overrides: Partial<Expectations> = {}): Expectations =>
  ({ ...Object.fromEntries(WHO.map((who) => [who, outcome])), ...overrides }) as Expectations;
const PUBLIC = all("ok");
const ANONYMOUS_ONLY = all("home", { anonymous: "ok" });
const AUTHENTICATED = all("ok", { anonymous: "login" });
const only = (...allowed: Who[]): Expectations =>
  all("forbidden", { anonymous: "login", ...Object.fromEntries(allowed.map((who) => [who, "ok"])) });
const api = (expectations: Expectations): Expectations => ({ ...expectations, anonymous: "unauthorized" });
/** Usagers' personal data: the team of the structure only; another structure's agent finds nothing; no other role sees it. */
const STRUCTURE_TEAM: Who[] = ["agent", "agent_autre", "responsable"];
// Issue 5: an agent of another structure gets 403 on an usager, a démarche or a mandate of this one.
const PERSONAL_DATA: Expectations = { ...only(...STRUCTURE_TEAM), agent_autre: "forbidden" };
const STRUCTURE_READERS: Who[] = [
  "agent",
  "agent_autre",
  "responsable",
  "coordinateur",
  "coordinateur_autre",
  "national",
  "admin",
];

const MATRIX: Record<string, Spec> = {
  "/": { loader: AUTHENTICATED },
  "/connexion": { loader: ANONYMOUS_ONLY, action: ANONYMOUS_ONLY },
  "/connexion/verification": {
    loader: all("home", { anonymous: "login" }),
    action: all("home", { anonymous: "login" }),
  },
  "/deconnexion": { loader: AUTHENTICATED, action: AUTHENTICATED },
  "/mot-de-passe-oublie": { loader: ANONYMOUS_ONLY, action: ANONYMOUS_ONLY },
  "/reinitialiser/:token": {
    loader: ANONYMOUS_ONLY,
    action: ANONYMOUS_ONLY,
    params: () => ({ token: "jeton-inconnu" }),
  },
  "/invitation/:token": { loader: PUBLIC, action: PUBLIC, params: () => ({ token: "jeton-inconnu" }) },
  "/accessibilite": { loader: PUBLIC },
  "/donnees-personnelles": { loader: PUBLIC },
  "/donnees-personnelles/registre": { loader: PUBLIC },
  "/mentions-legales": { loader: PUBLIC },
  "/healthz": { loader: PUBLIC },
  "/compte": { loader: AUTHENTICATED, action: AUTHENTICATED },
  "/compte/double-authentification": { loader: AUTHENTICATED, action: AUTHENTICATED },
  "/structure-courante": { loader: AUTHENTICATED, action: all("forbidden", { anonymous: "login" }) },
  "/structures": { loader: only(...STRUCTURE_READERS) },
  "/structures/nouvelle": {
    loader: only("coordinateur", "coordinateur_autre", "admin"),
    action: only("coordinateur", "coordinateur_autre", "admin"),
  },
  "/structures/:id": {
    loader: { ...only(...STRUCTURE_READERS), agent_autre: "notfound", coordinateur_autre: "notfound" },
    params: (ids) => ({ id: ids.ownStructure }),
  },
  // Issue 13: the responsable edits her own structure's public contacts (structure:write_contacts).
  "/structures/:id/modifier": {
    loader: { ...only("responsable", "coordinateur", "coordinateur_autre", "admin"), coordinateur_autre: "notfound" },
    action: { ...only("responsable", "coordinateur", "coordinateur_autre", "admin"), coordinateur_autre: "notfound" },
    params: (ids) => ({ id: ids.ownStructure }),
  },
  "/partenaires": { loader: AUTHENTICATED, action: only("coordinateur", "coordinateur_autre", "admin") },
  "/pilotage": {
    loader: only("agent", "agent_autre", "responsable", "coordinateur", "coordinateur_autre", "national", "admin"),
  },
  "/pilotage/structures/:id": {
    loader: {
      ...only("agent", "agent_autre", "responsable", "coordinateur", "coordinateur_autre", "national", "admin"),
      agent_autre: "notfound",
      coordinateur_autre: "notfound",
    },
    params: (ids) => ({ id: ids.ownStructure }),
  },
  "/pilotage/departements/:code": {
    loader: { ...only("coordinateur", "coordinateur_autre", "national", "admin"), coordinateur_autre: "forbidden" },
    params: () => ({ code: "57" }),
  },
  "/pilotage/national": { loader: only("national", "admin") },
  "/pilotage/export": {
    loader: only("agent", "agent_autre", "responsable", "coordinateur", "coordinateur_autre", "national", "admin"),
  },
  "/pilotage/enregistrements.csv": {
    // The structure's responsable only (ADR 021): outside the team, the protected reports.
    loader: only("responsable"),
  },
  "/donnees-ouvertes/structures.csv": { loader: PUBLIC },
  "/donnees-ouvertes/lieux-mediation-numerique.json": { loader: PUBLIC },
  "/accueil": {
    loader: only("agent", "agent_autre", "responsable"),
    action: only("agent", "agent_autre", "responsable"),
  },
  "/accueil/passages/:id": {
    loader: { ...only("agent", "agent_autre", "responsable"), agent_autre: "notfound" },
    action: { ...only("agent", "agent_autre", "responsable"), agent_autre: "notfound" },
    params: (ids) => ({ id: ids.passage }),
  },
  "/accueil/journee": { loader: only("agent", "agent_autre", "responsable") },
  "/accueil/file-attente": {
    loader: only("agent", "agent_autre", "responsable"),
    action: only("agent", "agent_autre", "responsable"),
  },
  "/s/:structure/ecran": {
    loader: { ...only("agent", "agent_autre", "responsable"), agent_autre: "notfound" },
    params: (ids) => ({ structure: ids.ownStructure }),
  },
  "/usagers": { loader: only(...STRUCTURE_TEAM), action: only(...STRUCTURE_TEAM) },
  "/usagers/nouveau": { loader: only(...STRUCTURE_TEAM), action: only(...STRUCTURE_TEAM) },
  "/usagers/notice.pdf": { loader: only(...STRUCTURE_TEAM) },
  "/usagers/:id": { loader: PERSONAL_DATA, action: PERSONAL_DATA, params: (ids) => ({ id: ids.usager }) },
  "/usagers/:id/notice": { loader: PERSONAL_DATA, params: (ids) => ({ id: ids.usager }) },
  "/usagers/:id/export.json": { loader: PERSONAL_DATA, params: (ids) => ({ id: ids.usager }) },
  "/usagers/:id/export.pdf": { loader: PERSONAL_DATA, params: (ids) => ({ id: ids.usager }) },
  "/demarches": { loader: only(...STRUCTURE_TEAM) },
  "/demarches/nouvelle": { loader: only(...STRUCTURE_TEAM), action: only(...STRUCTURE_TEAM) },
  "/demarches/:id": { loader: PERSONAL_DATA, action: PERSONAL_DATA, params: (ids) => ({ id: ids.demarche }) },
  "/demarches/:id/fiche-transmission.pdf": { loader: PERSONAL_DATA, params: (ids) => ({ id: ids.demarche }) },
  "/demarches/:id/rendez-vous": {
    loader: PERSONAL_DATA,
    action: PERSONAL_DATA,
    params: (ids) => ({ id: ids.demarche }),
  },
  "/demarches/:id/rendez-vous.pdf": { loader: PERSONAL_DATA, params: (ids) => ({ id: ids.demarche }) },
  "/mandats/nouveau": { loader: only(...STRUCTURE_TEAM), action: only(...STRUCTURE_TEAM) },
  "/mandats/:id": { loader: PERSONAL_DATA, action: PERSONAL_DATA, params: (ids) => ({ id: ids.mandat }) },
  "/mandats/:id/document.pdf": { loader: PERSONAL_DATA, params: (ids) => ({ id: ids.mandat }) },
  "/mandats/:id/attestation.pdf": { loader: PERSONAL_DATA, params: (ids) => ({ id: ids.mandat }) },
  "/verifier-mandat/:code": { loader: PUBLIC, params: (ids) => ({ code: ids.mandatCode }) },
  "/api/v1/usagers": { action: api(only(...STRUCTURE_TEAM)) },
  "/api/v1/usagers/recherche": { action: api(only(...STRUCTURE_TEAM)) },
  "/api/v1/usagers/:id": { loader: api(PERSONAL_DATA), params: (ids) => ({ id: ids.usager }) },
  "/api/v1/demarches": { loader: api(only(...STRUCTURE_TEAM)), action: api(only(...STRUCTURE_TEAM)) },
  "/api/v1/demarches/:id": { loader: api(PERSONAL_DATA), params: (ids) => ({ id: ids.demarche }) },
  "/api/v1/mandats": { action: api(only(...STRUCTURE_TEAM)) },
  "/api/v1/mandats/:id": { loader: api(PERSONAL_DATA), params: (ids) => ({ id: ids.mandat }) },
  "/api/v1/mandats/:id/revoke": { action: api(PERSONAL_DATA), params: (ids) => ({ id: ids.mandat }) },
  "/api/v1/mandats/:id/document.pdf": { loader: api(PERSONAL_DATA), params: (ids) => ({ id: ids.mandat }) },
  // Saisines (issue 6): readers of their structure's saisines, and referents of their groups only. An id out of scope is a 404
  // for agents and coordinateurs (as for personal data) and a 403 for a referent (any partner or département; see
  // src/saisines/get-saisine.server.ts and app/routes/saisines.routes.test.ts, which checks it on a real saisine).
  "/saisines": {
    loader: only("agent", "agent_autre", "responsable", "referent", "coordinateur", "coordinateur_autre"),
  },
  "/saisines/nouvelle": { loader: only(...STRUCTURE_TEAM), action: only(...STRUCTURE_TEAM) },
  "/saisines/:id": {
    loader: {
      ...only("agent", "agent_autre", "responsable", "referent", "coordinateur", "coordinateur_autre"),
      agent: "notfound",
      agent_autre: "notfound",
      responsable: "notfound",
      referent: "forbidden",
      coordinateur: "notfound",
      coordinateur_autre: "notfound",
    },
    action: {
      ...only("agent", "agent_autre", "responsable", "referent", "coordinateur", "coordinateur_autre"),
      agent: "notfound",
      agent_autre: "notfound",
      responsable: "notfound",
      referent: "forbidden",
      coordinateur: "notfound",
      coordinateur_autre: "notfound",
    },
    params: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
  },
  "/referents": {
    loader: only("agent", "agent_autre", "responsable", "referent", "coordinateur", "coordinateur_autre", "admin"),
    action: only("coordinateur", "coordinateur_autre", "admin"),
  },
  "/referents/:id": {
    loader: {
      ...only("referent", "coordinateur", "coordinateur_autre", "admin"),
      referent: "notfound",
      coordinateur: "notfound",
      coordinateur_autre: "notfound",
      admin: "notfound",
    },
    action: {
      ...only("referent", "coordinateur", "coordinateur_autre", "admin"),
      referent: "notfound",
      coordinateur: "notfound",
      coordinateur_autre: "notfound",
      admin: "notfound",
    },
    params: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
  },
  "/api/v1/saisines": {
    loader: api(only("agent", "agent_autre", "responsable", "referent", "coordinateur", "coordinateur_autre")),
    action: api(only(...STRUCTURE_TEAM)),
  },
  "/api/v1/saisines/:id": {
    loader: api({
      ...only("agent", "agent_autre", "responsable", "referent", "coordinateur", "coordinateur_autre"),
      agent: "notfound",
      agent_autre: "notfound",
      responsable: "notfound",
      referent: "forbidden",
      coordinateur: "notfound",
      coordinateur_autre: "notfound",
    }),
    action: api({
      ...only("agent", "agent_autre", "responsable", "referent", "coordinateur", "coordinateur_autre"),
      agent: "notfound",
      agent_autre: "notfound",
      responsable: "notfound",
      referent: "forbidden",
      coordinateur: "notfound",
      coordinateur_autre: "notfound",
    }),
    params: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
  },
  "/api/v1/referents": {
    loader: api(only("agent", "agent_autre", "responsable", "referent", "coordinateur", "coordinateur_autre", "admin")),
  },
  "/utilisateurs": { loader: only("responsable", "coordinateur", "coordinateur_autre", "admin") },
  "/utilisateurs/inviter": {
    loader: only("responsable", "coordinateur", "coordinateur_autre", "admin"),
    action: only("responsable", "coordinateur", "coordinateur_autre", "admin"),
  },
  "/utilisateurs/:id": {
    loader: { ...only("responsable", "coordinateur", "coordinateur_autre", "admin"), coordinateur_autre: "notfound" },
    action: { ...only("responsable", "coordinateur", "coordinateur_autre", "admin"), coordinateur_autre: "notfound" },
    params: (ids) => ({ id: ids.agentUser }),
  },
  "/admin/outbox": { loader: only("admin") },
  "/admin/journal": { loader: only("admin"), action: only("admin") },
  "/api/v1/me": { loader: api(AUTHENTICATED) },
  "/api/v1/structures": {
    loader: api(only(...STRUCTURE_READERS)),
    action: api(only("coordinateur", "coordinateur_autre", "admin")),
  },
  "/api/v1/passages": {
    loader: api(only("agent", "agent_autre", "responsable")),
    action: api(only("agent", "agent_autre", "responsable")),
  },
  "/api/v1/reports": {
    loader: api(only("agent", "agent_autre", "responsable", "coordinateur", "coordinateur_autre", "national", "admin")),
  },
  "/api/v1/openapi.json": { loader: PUBLIC },
  "/api/v1/*": { loader: all("notfound"), action: all("notfound"), params: () => ({ "*": "inexistant" }) },
  "/*": { loader: all("notfound"), action: all("notfound"), params: () => ({ "*": "page-inexistante" }) },
};

let actors: RouteActors;
let ids: Ids;

beforeAll(async () => {
  actors = await setUpRouteActors();
  ids = actors.ids;
});

function classify(status: number, location: string | null, thrown: boolean): Outcome | `status ${number}` {
  if (status >= 300 && status < 400) {
    if (thrown && location?.startsWith("/connexion")) return "login";
    if (thrown && location === "/") return "home";
    return "ok";
  }
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "notfound";
  if (status < 300 || status === 400 || status === 409 || status === 422) return "ok";
  return `status ${status}`;
}

async function run(call: () => Promise<unknown>): Promise<string> {
  const answer = await callRoute(call);
  if (answer.error !== undefined) throw answer.error;
  return classify(answer.status, answer.location, answer.thrown);
}

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => params[name]).replace("*", params["*"] ?? "");
}

const routes = flattenRoutes();

describe("authorization matrix", () => {
  it("has an entry for every route, and no entry for a route that does not exist", () => {
    const paths = routes.map((route) => route.path);
    expect(
      paths.filter((path) => !(path in MATRIX)),
      "routes without a matrix entry",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((path) => !paths.includes(path)),
      "matrix entries without a route",
    ).toEqual([]);
  });

  for (const route of routes) {
    const spec = MATRIX[route.path];
    if (!spec) continue;
    it(`${route.path}`, async () => {
      const module = await import(/* @vite-ignore */ new URL(route.file, import.meta.url).href);
      const params = spec.params?.(ids) ?? {};
      const path = fillPath(route.path, params);
      const observed: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const kind of ["loader", "action"] as const) {
        const expectations = spec[kind];
        const handler = module[kind];
        if (!expectations) {
          // An action (or loader) that exists must be in the matrix too.
          expect(handler, `${route.path} has a ${kind} without matrix expectations`).toBeUndefined();
          continue;
        }
        expect(handler, `${route.path} has no ${kind}`).toBeTypeOf("function");
        for (const who of WHO) {
          const init: RequestInit =
            kind === "action"
              ? {
                  method: "POST",
                  body: new URLSearchParams({ intent: "matrice" }),
                  headers: { "content-type": "application/x-www-form-urlencoded" },
                }
              : {};
          const request = await actors.request(who, path, init, { freshSession: true });
          observed[`${kind} ${who}`] = await run(() => handler({ request, params, context: { cspNonce: "" } }));
          expected[`${kind} ${who}`] = expectations[who];
        }
      }
      expect(observed).toEqual(expected);
    });
  }
});
