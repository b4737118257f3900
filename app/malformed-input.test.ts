import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLogs } from "../src/test/capture-logs";
import {
  callRoute,
  type RouteActors,
  type RouteAnswer,
  type RouteIds,
  setUpRouteActors,
  type Who,
} from "../src/test/route-actors";
import { handleError } from "./entry.server";
import { flattenRoutes } from "./route-list";

/**
 * Malformed input never gives a 5xx (issue 12): every route of app/routes.ts, as every role that reaches
 * it, gets malformed ids, malformed query strings and junk form or JSON bodies, and answers 4xx (or 2xx/3xx),
 * never >= 500. Unexpected errors go through the server's error handler while the logs are captured:
 * no line may hold a fuzzed value. Deterministic: a fixed list of bad values plus a seeded sample.
 */

/** Appears in every query string and body value: a log line holding it leaked a parameter. */
const MARKER = "Zorglub1917";

const SEED = 20_260_212;
const sampled = fc.sample(fc.string({ unit: "binary", minLength: 1, maxLength: 12 }), { seed: SEED, numRuns: 3 });

/** Values nothing should accept as an id, a date, a number or a key, each a 4xx at worst. */
const MALFORMED: string[] = [
  "not-a-uuid",
  `${MARKER}\u0000`,
  "%00",
  `${MARKER}${"x".repeat(5000)}`,
  "2026-13-01",
  "2026-02-30T10:00:00+01:00",
  "",
  "\uD800",
  `${MARKER}\u200B\uFEFF\u202E`,
  "00000000-0000-0000-0000-00000000000G",
  "-1",
  "1e309",
  "' OR 1=1 --",
  ...sampled,
];

/** Raw (already percent-encoded) query values: invalid UTF-8, a lone "%", an overlong NUL. */
const RAW_QUERY_VALUES = ["%FF", "%", "%C0%80", "%00"];

/** Query parameters the code reads, found in the sources, plus those read through schemas. */
function queryNames(): string[] {
  const names = new Set([
    "structure",
    "from",
    "to",
    "limit",
    "offset",
    "cursor",
    "niveau",
    "id",
    "periode",
    "format",
    "dimension",
    "type",
    "date",
    "du",
    "au",
    "departement",
    "label",
    "statut",
    "q",
  ]);
  const root = path.resolve(import.meta.dirname, "..");
  for (const dir of ["app", "src"]) {
    for (const file of readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })) {
      if (!/\.tsx?$/.test(file) || file.includes(".test.")) continue;
      const text = readFileSync(path.join(root, dir, file), "utf8");
      for (const match of text.matchAll(/(?:searchParams|params)\.(?:get|getAll|has)\("([^"]+)"\)/g))
        names.add(match[1]);
    }
  }
  return [...names].sort();
}

const QUERY_NAMES = queryNames();

/** Lone surrogates cannot travel in a URL or a form: they become U+FFFD, as a browser does. */
const wellFormed = (value: string) => value.replace(/\p{Surrogate}/gu, "\uFFFD");
const encode = (value: string) => encodeURIComponent(wellFormed(value));

/**
 * Query strings: each name gets a different bad value in each query (rotated, so that every value reaches
 * some name), then every name repeated with conflicting values, then raw invalid percent-encodings.
 */
function malformedQueries(): string[] {
  const queries = [0, 3, 6, 9, 12].map((shift) =>
    QUERY_NAMES.map((name, index) => `${name}=${encode(MALFORMED[(index + shift) % MALFORMED.length])}`).join("&"),
  );
  queries.push(QUERY_NAMES.map((name) => `${name}=2026-01-01&${name}=${MARKER}&${name}=`).join("&"));
  queries.push(
    QUERY_NAMES.map((name, index) => `${name}=${RAW_QUERY_VALUES[index % RAW_QUERY_VALUES.length]}`).join("&"),
  );
  return queries;
}

/** Bad route parameters, one of each kind (the whole list would cost time and find nothing more). */
const MALFORMED_IDS = [
  "not-a-uuid",
  "x\u0000",
  "%00",
  "x".repeat(5000),
  "",
  "\uD800",
  "\u200B\uFEFF\u202E",
  "00000000-0000-0000-0000-00000000000G",
  "' OR 1=1 --",
  sampled[0],
];

/** A valid value for each route parameter, so that query strings and bodies reach the route's work. */
function validParams(routePath: string, ids: RouteIds): Record<string, string> {
  const names = [...routePath.matchAll(/:(\w+)/g)].map((match) => match[1]);
  const params: Record<string, string> = {};
  for (const name of names) {
    if (name === "token") params[name] = "jeton-inconnu";
    else if (name === "code") params[name] = routePath.startsWith("/pilotage") ? "57" : ids.mandatCode;
    else if (name === "structure" || /^\/(pilotage\/)?structures\//.test(routePath)) params[name] = ids.ownStructure;
    else if (routePath.startsWith("/accueil/passages")) params[name] = ids.passage;
    else if (/^\/(api\/v1\/)?usagers\//.test(routePath)) params[name] = ids.usager;
    else if (/^\/(api\/v1\/)?demarches\//.test(routePath)) params[name] = ids.demarche;
    else if (/^\/(api\/v1\/)?mandats\//.test(routePath)) params[name] = ids.mandat;
    else if (routePath.startsWith("/utilisateurs/")) params[name] = ids.agentUser;
    else params[name] = "00000000-0000-4000-8000-000000000000";
  }
  if (routePath.endsWith("*")) params["*"] = "inexistant";
  return params;
}

function fillPath(routePath: string, params: Record<string, string>): string {
  return routePath.replace(/:(\w+)/g, (_, name: string) => encode(params[name])).replace("*", params["*"] ?? "");
}

/** Field names a form or JSON body asked for, read from a validation refusal. */
function fieldsOf(answer: RouteAnswer): string[] {
  const data = answer.data as
    | { lastResult?: { error?: Record<string, unknown> }; error?: { fields?: Record<string, unknown> } }
    | undefined;
  const errors = data?.lastResult?.error ?? data?.error?.fields ?? {};
  return Object.keys(errors).filter((name) => name !== "" && name !== "intent");
}

/** The `intent` values a page's forms post, read from its module source. */
function intentsOf(file: string): string[] {
  const text = readFileSync(new URL(file, import.meta.url), "utf8");
  const intents = new Set<string>();
  for (const match of text.matchAll(/name="intent" value="([^"]+)"|intent: z\.literal\("([^"]+)"\)/g))
    intents.add(match[1] ?? match[2]);
  return [...intents];
}

/** A refused request: 4xx. Login redirects and 401/403 mean the role does not reach the route's work. */
const reachesWork = (answer: RouteAnswer) =>
  !(answer.status === 401 || answer.status === 403 || (answer.thrown && answer.status >= 300 && answer.status < 400));

let actors: RouteActors;
let logs: ReturnType<typeof captureLogs>;
const failures: string[] = [];
/** Who was fuzzed somewhere: a fixture that stops reaching the routes must not pass for a clean run. */
const fuzzedRoles = new Set<Who>();

beforeAll(async () => {
  actors = await setUpRouteActors();
  logs = captureLogs();
});

afterAll(() => logs?.restore());

type Handler = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;

async function call(
  handler: Handler,
  who: Who,
  routePath: string,
  params: Record<string, string>,
  init: RequestInit,
  query = "",
): Promise<RouteAnswer> {
  const url = `${fillPath(routePath, params)}${query ? `?${query}` : ""}`;
  const request = await actors.request(who, url, init, { freshSession: routePath === "/deconnexion" });
  const answer = await callRoute(() => handler({ request, params, context: { cspNonce: "" } }));
  if (answer.error !== undefined) handleError(answer.error, { request, params, context: {} as never });
  if (answer.status >= 500) {
    const error = answer.error instanceof Error ? `${answer.error.name}: ${answer.error.message.slice(0, 60)}` : "";
    const failure = `${init.method ?? "GET"} ${routePath} as ${who}: ${answer.status} ${error}`;
    if (!failures.includes(failure)) failures.push(failure);
  }
  return answer;
}

const formInit = (body: URLSearchParams): RequestInit => ({
  method: "POST",
  body,
  headers: { "content-type": "application/x-www-form-urlencoded" },
});
const jsonInit = (body: unknown): RequestInit => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});

/** Junk bodies for an action: each asked-for field gets bad values (rotated), repeated, and junk intents. */
function junkBodies(isApi: boolean, intents: string[], fields: string[]): RequestInit[] {
  const names = [...new Set([...fields, "id", "q", "date", "motif"])];
  const bodies: RequestInit[] = [];
  for (const intent of [...intents, `${MARKER}\u0000`]) {
    for (const shift of [0, 1]) {
      const values = names.map((name, index) => [name, MALFORMED[(index + shift) % MALFORMED.length]] as const);
      if (isApi) {
        bodies.push(
          jsonInit(Object.fromEntries(values.map(([name, value]) => [name, shift === 1 ? [value, value] : value]))),
        );
      } else {
        const body = new URLSearchParams({ intent });
        for (const [name, value] of values) {
          body.append(name, wellFormed(value));
          if (shift === 1) body.append(name, wellFormed(value));
        }
        bodies.push(formInit(body));
      }
    }
  }
  // Bytes that are not UTF-8: raw in JSON, percent-escaped in a form.
  if (isApi)
    bodies.push({ ...jsonInit({}), body: new Uint8Array([...Buffer.from('{"q":"'), 0xff, ...Buffer.from('"}')]) });
  else
    bodies.push({
      ...formInit(new URLSearchParams()),
      body: [`intent=${intents[0] ?? ""}`, ...names.map((name) => `${name}=%FF%C0%80`)].join("&"),
    });
  return bodies;
}

const routes = flattenRoutes();
const queries = malformedQueries();

/**
 * The roles fuzzed on a route: anonymous (a route that parses before its guard), then one role of each group
 * that the route serves (structure team, referents, network), found by a request with valid input; the role
 * taken in a group turns with the route's rank, so that every role is fuzzed somewhere at the cost of one.
 */
const ROLE_GROUPS: Who[][] = [["agent", "responsable"], ["referent"], ["coordinateur", "national", "admin"]];

async function rolesReaching(
  handler: Handler,
  routePath: string,
  params: Record<string, string>,
  init: RequestInit,
  turn: number,
) {
  const roles: Who[] = ["anonymous"];
  for (const group of ROLE_GROUPS) {
    const reaching: Who[] = [];
    for (const who of group) if (reachesWork(await call(handler, who, routePath, params, init))) reaching.push(who);
    if (reaching.length) roles.push(reaching[turn % reaching.length]);
  }
  for (const who of roles) fuzzedRoles.add(who);
  return roles;
}

describe("malformed input never gives a 5xx", () => {
  for (const [turn, route] of routes.entries()) {
    it(route.path, async () => {
      await actors.renewSessions();
      const module = await import(/* @vite-ignore */ new URL(route.file, import.meta.url).href);
      const loader = module.loader as Handler | undefined;
      const action = module.action as Handler | undefined;
      const valid = validParams(route.path, actors.ids);
      const paramNames = Object.keys(valid);
      const isApi = route.path.startsWith("/api/");
      const before = failures.length;
      if (loader) {
        for (const who of await rolesReaching(loader, route.path, valid, {}, turn)) {
          for (const query of queries) await call(loader, who, route.path, valid, {}, query);
          for (const name of paramNames)
            for (const value of MALFORMED_IDS) await call(loader, who, route.path, { ...valid, [name]: value }, {});
        }
      }
      if (action) {
        const probe = isApi ? jsonInit({}) : formInit(new URLSearchParams({ intent: "" }));
        const intents = isApi ? [] : intentsOf(route.file);
        for (const who of await rolesReaching(action, route.path, valid, probe, turn)) {
          const fields = new Set(fieldsOf(await call(action, who, route.path, valid, probe)));
          for (const intent of intents) {
            const asked = await call(action, who, route.path, valid, formInit(new URLSearchParams({ intent })));
            for (const field of fieldsOf(asked)) fields.add(field);
          }
          for (const init of junkBodies(isApi, intents, [...fields])) await call(action, who, route.path, valid, init);
          const [junk] = junkBodies(isApi, intents.slice(0, 1), [...fields]);
          for (const name of paramNames)
            for (const value of MALFORMED_IDS) await call(action, who, route.path, { ...valid, [name]: value }, junk);
        }
      }
      expect(failures.slice(before)).toEqual([]);
    });
  }

  it("fuzzed every role on some route", () => {
    expect([...fuzzedRoles].sort()).toEqual(["anonymous", ...ROLE_GROUPS.flat()].sort());
  });

  it("logs no fuzzed value", () => {
    // The error handler logs the path on purpose (ids, no query string); values travel in queries and bodies.
    const leaking = logs.lines.filter((line) => {
      const { path: _path, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify(rest).includes(MARKER);
    });
    expect(leaking).toEqual([]);
  });
});
