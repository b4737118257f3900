import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkRouteGuards, guardModule } from "./architecture-rules";

/**
 * The mutation test of the architecture test: route files written to a temporary folder, with and
 * without a guard, go through the checker app/architecture.test.ts runs on every route. A checker
 * that let one of them through would let a real route through.
 */
const GUARDS_FILE = path.join(path.dirname(new URL(import.meta.url).pathname), "../src/acces/guards.server.ts");
const guards = guardModule(GUARDS_FILE, readFileSync(GUARDS_FILE, "utf8"));

/** Writes a route module to a temporary app/routes folder, checks the file read back, then removes the folder. */
function checkTemporaryRoute(body: string) {
  const root = mkdtempSync(path.join(tmpdir(), "guichet-route-probe-"));
  try {
    const routes = path.join(root, "routes");
    mkdirSync(routes);
    const file = path.join(routes, "probe.tsx");
    const guardsImport = path.relative(routes, GUARDS_FILE).replace(/\.ts$/, "");
    writeFileSync(file, body.replaceAll("GUARDS", guardsImport));
    return checkRouteGuards(file, readFileSync(file, "utf8"), guards);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe("the guard rule of the architecture test", () => {
  it("reads the guards from the guards module's exports, not from their names alone", () => {
    expect(guards.guards).toContain("requirePermission");
    expect(guards.guards).toContain("requirePublic");
    expect(guards.guards).not.toContain("orErrorPage");
    expect(guards.guards).not.toContain("errorResponse");
  });

  it("accepts a route whose loader and action start with a guard, in any form of export", () => {
    const result = checkTemporaryRoute(`
      import { requirePermission, requirePublic } from "GUARDS";
      import * as access from "GUARDS";
      async function enrolled(request: Request) {
        const actor = await requirePermission(request, "accueil:record");
        return actor;
      }
      export const loader = async ({ request }: { request: Request }) => {
        const actor = await enrolled(request);
        return actor;
      };
      async function act({ request }: { request: Request }) {
        await access.requireUser(request);
        requirePublic(request);
      }
      export { act as action };
    `);
    expect(result).toEqual({ checked: ["loader", "action"], violations: [] });
  });

  it("reports a loader without a guard (the mutation: a real route with its guard deleted)", () => {
    const result = checkTemporaryRoute(`
      import { requirePermission } from "GUARDS";
      export async function loader({ request }: { request: Request }) {
        const list = await fetch(request.url);
        await requirePermission(request, "accueil:record");
        return list;
      }
    `);
    expect(result.checked).toEqual(["loader"]);
    expect(result.violations).toEqual(["probe.tsx loader: starts with await fetch(request.url)"]);
  });

  it("reports a guard-like name that does not come from the guards module", () => {
    const result = checkTemporaryRoute(`
      import { requirePermission } from "../somewhere-else";
      export function action({ request }: { request: Request }) {
        return requirePermission(request, "accueil:record");
      }
    `);
    expect(result.violations).toEqual(['probe.tsx action: starts with requirePermission(request, "accueil:record")']);
  });

  it("reports a function of the guards module that is not a guard", () => {
    const result = checkTemporaryRoute(`
      import { orErrorPage } from "GUARDS";
      export const loader = ({ request }: { request: Request }) => orErrorPage(request, async () => 1);
    `);
    expect(result.violations).toEqual(["probe.tsx loader: starts with orErrorPage(request, async () => 1)"]);
  });

  it("reports handlers exported in the forms a line-based check misses", () => {
    const result = checkTemporaryRoute(`
      import { requireUser } from "GUARDS";
      const unguarded = async () => ({ ok: true });
      export { unguarded as loader };
      export { action } from "./elsewhere";
      export * from "./more";
      export const headers = () => requireUser(new Request("http://x"));
    `);
    expect(result.checked).toEqual(["loader", "action"]);
    expect(result.violations).toEqual([
      "probe.tsx loader: starts with ({ ok: true })",
      "probe.tsx action: re-exported from another module",
      'probe.tsx: `export * from "./more";` may re-export a loader or an action',
    ]);
  });

  it("reports a handler that is not a function of the module", () => {
    const result = checkTemporaryRoute(`
      import { handler } from "./elsewhere";
      export const loader = handler;
    `);
    expect(result.violations).toEqual(["probe.tsx loader: not a function declared in the module (handler)"]);
  });
});
