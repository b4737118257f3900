import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flattenRoutes } from "../../app/route-list";
import { createApiToken } from "../auth/api-tokens.server";
import { db, queryRows } from "../db/client.server";
import { createTestStructure, createTestUser } from "../test/factories";
import { compileRoutes, matchRoute } from "./api-dispatch.server";
import { createApp, listen } from "./http-server.server";

// The real API route modules behind the real HTTP server, as the production build wires them.
let server: Server;
let base: string;
let token: string;
let structureId: string;

async function apiBuild(): Promise<ServerBuild> {
  const routes: Record<string, unknown> = {};
  for (const route of flattenRoutes().filter((entry) => entry.path.startsWith("/api/"))) {
    const module = await import(path.resolve("app", route.file));
    routes[route.file] = { id: route.file, parentId: "root", path: route.path.slice(1), module };
  }
  return { routes } as unknown as ServerBuild;
}

beforeAll(async () => {
  server = await listen(createApp(await apiBuild(), path.resolve("public")), 0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  structureId = await createTestStructure();
  const agent = await createTestUser([{ role: "agent", structureId }]);
  token = (await createApiToken({ email: agent.email, name: "test" })).token;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const demande = {
  partenaires: ["caf"],
  situations: ["allocation_logement"],
  aides: ["information"],
  autonomie: "autonome",
  issue: "resolu_sur_place",
};
const call = (pathname: string, init: RequestInit & { auth?: boolean } = {}) =>
  fetch(base + pathname, {
    ...init,
    headers: {
      ...(init.auth === false ? {} : { authorization: `Bearer ${token}` }),
      "content-type": "application/json",
      ...(init.headers as Record<string, string>),
    },
  });

describe("the API over HTTP", () => {
  it("records a passage with the action of its route module, and lists it with the loader", async () => {
    const created = await call("/api/v1/passages", {
      method: "POST",
      body: JSON.stringify({ canal: "telephone", sollicitations: [demande] }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toMatch(/application\/json/);
    const body = (await created.json()) as { id: string; sollicitations: string[] };
    expect(body.sollicitations).toHaveLength(1);
    expect(created.headers.get("location")).toBe(`/accueil/passages/${body.id}`);
    const [row] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from passages where id = ${body.id}`,
    );
    expect(row.n).toBe(1);
    const listed = await call(`/api/v1/passages?structure=${structureId}`);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).toContain(body.id);
  });

  it("answers validation errors, missing tokens, unknown addresses and methods in French JSON", async () => {
    const invalid = await call("/api/v1/passages", { method: "POST", body: "{" });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/JSON/);
    const anonymous = await call("/api/v1/me", { auth: false });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("auth.invalid_api_token");
    const unknown = await call("/api/v1/nulle-part");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/n’existe pas/);
    const malformed = await call("/api/v1/usagers/%E0%A4%A");
    expect(malformed.status).toBe(404);
    expect(malformed.headers.get("content-type")).toMatch(/application\/json/);
    const method = await call("/api/v1/me", { method: "DELETE" });
    expect(method.status).toBe(405);
  });

  it("passes path parameters, and answers HEAD without a body", async () => {
    const created = await call("/api/v1/usagers", {
      method: "POST",
      body: JSON.stringify({ nom: "Fictif", prenom: "Camille", noticeRemise: true }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const found = await call(`/api/v1/usagers/${id}`);
    expect(found.status).toBe(200);
    expect(JSON.stringify(await found.json())).toContain(id);
    const missing = await call("/api/v1/usagers/00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    const head = await call("/api/v1/me", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});

describe("API route matching", () => {
  it("prefers static segments to parameters, and parameters to the splat, whatever the declaration order", () => {
    const paths = [
      "api/v1/*",
      "api/v1/usagers/:id",
      "api/v1/usagers/recherche",
      "api/v1/usagers",
      "api/v1/mandats/:id/revoke",
    ];
    for (const order of [paths, [...paths].reverse()]) {
      const routes = compileRoutes(order.map((path) => ({ id: path, path })));
      expect(matchRoute(routes, "/api/v1/usagers/recherche")?.route.id).toBe("api/v1/usagers/recherche");
      expect(matchRoute(routes, "/api/v1/usagers")?.route.id).toBe("api/v1/usagers");
      expect(matchRoute(routes, "/api/v1/usagers/abc")).toMatchObject({
        route: { id: "api/v1/usagers/:id" },
        params: { id: "abc" },
      });
      expect(matchRoute(routes, "/api/v1/mandats/x%20y/revoke")).toMatchObject({ params: { id: "x y" } });
      expect(matchRoute(routes, "/api/v1/inconnu/chemin")?.route.id).toBe("api/v1/*");
      expect(matchRoute(routes, "/api/v1/usagers/%E0%A4%A")).toBeNull();
    }
  });
});
