import { eq } from "drizzle-orm";
import { loadActor } from "../acces/actor.server";
import { SESSION_COOKIE } from "../acces/read-session.server";
import { passageSchema } from "../accueil/accueil.schema";
import { recordPassage } from "../accueil/record-passage.server";
import { createApiToken } from "../auth/api-tokens.server";
import { createSession } from "../auth/session.server";
import { db } from "../db/client.server";
import { mandats, structures, users } from "../db/schema";
import { seedDemo } from "../demo/seed-demo.server";
import { CLIENT_IP_HEADER } from "../platform/http.server";
import { anonymousRequest, createTestStructure, createTestUser, sessionRequest } from "./factories";
import { newDemarche, newMandat, newUsager } from "./usager-fixtures";

/**
 * The users the route-wide tests act as (the authorization matrix, the malformed-input fuzz): the demo
 * structure's team and the network's roles, one agent and one coordinateur of another territory, each
 * with a session and an API token; and one record of each kind in the demo structure.
 */
export const WHO = [
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
export type Who = (typeof WHO)[number];

export type RouteIds = {
  ownStructure: string;
  foreignStructure: string;
  agentUser: string;
  passage: string;
  usager: string;
  demarche: string;
  mandat: string;
  mandatCode: string;
};

export type RouteActors = {
  ids: RouteIds;
  /**
   * A request from `who` to `path`: a bearer token for the API, a session cookie for pages. With
   * `freshSession` every page request opens its own session (a route may end it); otherwise one session
   * per user is shared, which is cheaper.
   */
  request(who: Who, path: string, init?: RequestInit, options?: { freshSession?: boolean }): Promise<Request>;
  /** Opens new shared sessions (after a route that may have ended them, such as "log out everywhere"). */
  renewSessions(): Promise<void>;
};

/** Seeds the demo, creates the other users, their sessions and tokens, and one passage, usager, démarche and mandat. */
export async function setUpRouteActors(): Promise<RouteActors> {
  await seedDemo();
  const [own] = await db().select().from(structures).where(eq(structures.nom, "France Services de Sarreguemines"));
  const foreignStructure = await createTestStructure({ departement: "92", communeInsee: "92032" });
  const userIds: Partial<Record<Who, string>> = {};
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
    userIds[who as Who] = user.id;
  }
  userIds.agent_autre = (await createTestUser([{ role: "agent", structureId: foreignStructure }])).userId;
  userIds.coordinateur_autre = (await createTestUser([{ role: "coordinateur", departement: "92" }])).userId;
  const tokens: Partial<Record<Who, string>> = {};
  const sessions: Partial<Record<Who, string>> = {};
  for (const who of WHO) {
    if (who === "anonymous") continue;
    const [user] = await db().select({ email: users.email }).from(users).where(eq(users.id, userIds[who]!));
    tokens[who] = (await createApiToken({ email: user.email, name: `tests ${who}` })).token;
  }
  async function renewSessions() {
    for (const who of WHO) if (who !== "anonymous") sessions[who] = (await createSession(userIds[who]!, true)).token;
  }
  await renewSessions();
  const agent = await loadActor(userIds.agent!, { via: "session" });
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
  const ids: RouteIds = {
    ownStructure: own.id,
    foreignStructure,
    agentUser: userIds.agent!,
    passage: passage.id,
    usager,
    demarche,
    mandat,
    mandatCode: mandatRow.code,
  };

  async function request(who: Who, path: string, init: RequestInit = {}, options: { freshSession?: boolean } = {}) {
    if (who === "anonymous") return anonymousRequest(path, init);
    if (path.startsWith("/api/")) {
      const headers = new Headers(init.headers);
      headers.set("authorization", `Bearer ${tokens[who]}`);
      return anonymousRequest(path, { ...init, headers });
    }
    if (options.freshSession) return sessionRequest(userIds[who]!, path, init);
    const headers = new Headers(init.headers);
    headers.set("cookie", `${SESSION_COOKIE}=${sessions[who]}`);
    headers.set(CLIENT_IP_HEADER, "192.0.2.10");
    headers.set("user-agent", "vitest");
    return new Request(new URL(path, "http://localhost:3000"), { ...init, headers });
  }
  return { ids, request, renewSessions };
}

/** What a loader or action answered: its status, where it redirects, whether it threw; an unexpected error is a 500. */
export type RouteAnswer = { status: number; location: string | null; thrown: boolean; error?: unknown; data?: unknown };

function isDataWithInit(
  value: unknown,
): value is { data: unknown; init: { status?: number; headers?: HeadersInit } | null } {
  return typeof value === "object" && value !== null && (value as { type?: string }).type === "DataWithResponseInit";
}

/** Calls a route module's loader or action as React Router would, and reads its answer. */
export async function callRoute(call: () => Promise<unknown>): Promise<RouteAnswer> {
  try {
    const result = await call();
    if (result instanceof Response)
      return { status: result.status, location: result.headers.get("location"), thrown: false };
    if (isDataWithInit(result))
      return { status: result.init?.status ?? 200, location: null, thrown: false, data: result.data };
    return { status: 200, location: null, thrown: false, data: result };
  } catch (error) {
    if (error instanceof Response)
      return { status: error.status, location: error.headers.get("location"), thrown: true };
    if (isDataWithInit(error)) return { status: error.init?.status ?? 500, location: null, thrown: true };
    return { status: 500, location: null, thrown: true, error };
  }
}
