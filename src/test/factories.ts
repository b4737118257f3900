import { randomUUID } from "node:crypto";
import { type Actor, loadActor } from "../acces/actor.server";
import { requireOperator } from "../acces/operator";
import { SESSION_COOKIE } from "../acces/read-session.server";
import { createSession } from "../auth/session.server";
import { createUser, type RoleScope } from "../comptes/create-user.server";
import { db } from "../db/client.server";
import { structures } from "../db/schema";
import { CLIENT_IP_HEADER } from "../platform/http.server";

export const TEST_PASSWORD = "mot-de-passe-de-test-123";

export async function createTestStructure(overrides: Partial<typeof structures.$inferInsert> = {}): Promise<string> {
  const [row] = await db()
    .insert(structures)
    .values({
      nom: `France Services de test ${randomUUID().slice(0, 8)}`,
      label: "france_services",
      format: "fixe",
      gestionnaireType: "commune",
      gestionnaireNom: "Commune de test",
      adresse: "1 place de la Mairie",
      codePostal: "92260",
      communeInsee: "92032",
      departement: "92",
      ...overrides,
    })
    .returning({ id: structures.id });
  return row.id;
}

export async function createTestUser(roles: RoleScope[], options: { password?: string | null; email?: string } = {}) {
  const email = options.email ?? `test-${randomUUID().slice(0, 12)}@exemple.fr`;
  const userId = await createUser(requireOperator(), {
    email,
    prenom: "Camille",
    nom: "Test",
    password: options.password === undefined ? TEST_PASSWORD : options.password,
    roles,
  });
  return { userId, email };
}

export async function testActor(userId: string): Promise<Actor> {
  const actor = await loadActor(userId, { via: "session" });
  if (!actor) throw new Error("test user not found");
  return actor;
}

/** A request from a logged-in browser (second factor done), as React Router hands it to a route. */
export async function sessionRequest(userId: string, path: string, init: RequestInit = {}): Promise<Request> {
  const { token } = await createSession(userId, true);
  const headers = new Headers(init.headers);
  headers.set("cookie", `${SESSION_COOKIE}=${token}`);
  headers.set(CLIENT_IP_HEADER, "192.0.2.10");
  headers.set("user-agent", "vitest");
  return new Request(new URL(path, "http://localhost:3000"), { ...init, headers });
}

export function anonymousRequest(path: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  headers.set(CLIENT_IP_HEADER, "192.0.2.20");
  return new Request(new URL(path, "http://localhost:3000"), { ...init, headers });
}

export function formBody(values: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  return body;
}
