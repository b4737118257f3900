import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../src/acces/actor.server";
import { passageSchema } from "../src/accueil/accueil.schema";
import { recordPassage } from "../src/accueil/record-passage.server";
import { createApiToken } from "../src/auth/api-tokens.server";
import { db } from "../src/db/client.server";
import { mandats, structures, users } from "../src/db/schema";
import { seedDemo } from "../src/demo/seed-demo.server";
import { anonymousRequest, createTestStructure, createTestUser, sessionRequest } from "../src/test/factories";
import { newDemarche, newMandat, newUsager } from "../src/test/usager-fixtures";
import { flattenRoutes } from "./route-list";

/**
 * The authorization matrix: every route of app/routes.ts, every kind of user, allowed or denied.
 * A route added without an entry here makes this test fail.
 */
const WHO = [
  "anonymous",
  "agent",
  "agent_autre",
  "responsable",
  "referent",
  "coordinateur",
  "coordinateur_autre",
  "national",
  "admin",
] as const;
type Who = (typeof WHO)[number];
/** ok: served (2xx, 400 validation, or a redirect the route returns); login: sent to /connexion; home: sent to "/" (pages for anonymous users); forbidden: 403; notfound: 404 (out of scope looks like absent); unauthorized: API 401. */
type Outcome = "ok" | "login" | "home" | "forbidden" | "notfound" | "unauthorized";
type Expectations = Record<Who, Outcome>;
type Spec = { loader?: Expectations; action?: Expectations; params?: (ids: Ids) => Record<string, string> };
type Ids = {
  ownStructure: string;
  foreignStructure: string;
  agentUser: string;
  passage: string;
  usager: string;
  demarche: string;
  mandat: string;
  mandatCode: string;
};

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
    loader: only("responsable", "coordinateur", "coordinateur_autre", "national", "admin"),
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

const sessions: Partial<Record<Who, string>> = {};
const tokens: Partial<Record<Who, string>> = {};
let ids: Ids;

beforeAll(async () => {
  await seedDemo();
  const [own] = await db().select().from(structures).where(eq(structures.nom, "France Services de Sarreguemines"));
  const foreignStructure = await createTestStructure({ departement: "92", communeInsee: "92032" });
  const emailOf: Record<Exclude<Who, "anonymous" | "agent_autre" | "coordinateur_autre">, string> = {
    agent: "agent@demo.guichet.test",
    responsable: "responsable@demo.guichet.test",
    referent: "referent.caf@demo.guichet.test",
    coordinateur: "coordinateur@demo.guichet.test",
    national: "national@demo.guichet.test",
    admin: "admin@demo.guichet.test",
  };
  for (const [who, email] of Object.entries(emailOf)) {
    const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    sessions[who as Who] = user.id;
  }
  sessions.agent_autre = (await createTestUser([{ role: "agent", structureId: foreignStructure }])).userId;
  sessions.coordinateur_autre = (await createTestUser([{ role: "coordinateur", departement: "92" }])).userId;
  for (const who of WHO) {
    if (who === "anonymous") continue;
    const [user] = await db().select({ email: users.email }).from(users).where(eq(users.id, sessions[who]!));
    tokens[who] = (await createApiToken({ email: user.email, name: `matrice ${who}` })).token;
  }
  const agent = await loadActor(sessions.agent!, { via: "session" });
  const passage = await recordPassage(
    agent!,
    passageSchema.parse({
      sollicitations: [
        {
          partenaires: ["caf"],
          situations: ["allocation_logement"],
          aides: ["information"],
          autonomie: "autonome",
          issue: "resolu_sur_place",
        },
      ],
    }),
  );
  const usager = await newUsager(agent!);
  const demarche = await newDemarche(agent!, usager);
  const mandat = await newMandat(agent!, usager, [demarche]);
  const [mandatRow] = await db().select({ code: mandats.verificationCode }).from(mandats).where(eq(mandats.id, mandat));
  ids = {
    ownStructure: own.id,
    foreignStructure,
    agentUser: sessions.agent!,
    passage: passage.id,
    usager,
    demarche,
    mandat,
    mandatCode: mandatRow.code,
  };
});

function isDataWithInit(value: unknown): value is { init: { status?: number; headers?: HeadersInit } | null } {
  return typeof value === "object" && value !== null && (value as { type?: string }).type === "DataWithResponseInit";
}

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
  try {
    const result = await call();
    if (result instanceof Response) return classify(result.status, result.headers.get("location"), false);
    if (isDataWithInit(result)) return classify(result.init?.status ?? 200, null, false);
    return "ok";
  } catch (error) {
    if (error instanceof Response) return classify(error.status, error.headers.get("location"), true);
    if (isDataWithInit(error)) return classify(error.init?.status ?? 500, null, true);
    throw error;
  }
}

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => params[name]).replace("*", params["*"] ?? "");
}

async function requestFor(who: Who, path: string, init: RequestInit): Promise<Request> {
  const isApi = path.startsWith("/api/");
  if (who === "anonymous") return anonymousRequest(path, init);
  if (isApi) {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${tokens[who]}`);
    return anonymousRequest(path, { ...init, headers });
  }
  return sessionRequest(sessions[who]!, path, init);
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
          const request = await requestFor(who, path, init);
          observed[`${kind} ${who}`] = await run(() => handler({ request, params, context: { cspNonce: "" } }));
          expected[`${kind} ${who}`] = expectations[who];
        }
      }
      expect(observed).toEqual(expected);
    });
  }
});
