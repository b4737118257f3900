import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "../../../src/acces/permissions";
import { ROLES, type Role } from "../../../src/acces/roles";
import { flattenRoutes } from "../../route-list";
import { currentNavTarget, NAV_ITEMS, navItemsFor } from "./navigation";

describe("current navigation entry", () => {
  it("marks one entry: the most specific one", () => {
    expect(currentNavTarget("/accueil/journee", NAV_ITEMS)).toBe("/accueil/journee");
    expect(currentNavTarget("/accueil", NAV_ITEMS)).toBe("/accueil");
    expect(currentNavTarget("/accueil/passages/123", NAV_ITEMS)).toBe("/accueil");
    expect(currentNavTarget("/structures/abc/modifier", NAV_ITEMS)).toBe("/structures");
    expect(currentNavTarget("/", NAV_ITEMS)).toBe("/");
    expect(currentNavTarget("/compte", NAV_ITEMS)).toBeNull();
  });
});

describe("navigation by permission", () => {
  it("shows each role the entries its permissions grant, in menu order", () => {
    const entries = (roles: Role[]) => navItemsFor(roles).map((item) => item.to);
    const structureTeam = [
      "/",
      "/accueil",
      "/accueil/journee",
      "/accueil/file-attente",
      "/usagers",
      "/demarches",
      "/saisines",
      "/referents",
      "/pilotage",
      "/structures",
    ];
    expect(entries(["agent"])).toEqual([...structureTeam, "/partenaires"]);
    expect(entries(["responsable"])).toEqual([...structureTeam, "/utilisateurs", "/partenaires"]);
    expect(entries(["referent"])).toEqual(["/", "/saisines", "/referents", "/partenaires"]);
    expect(entries(["coordinateur"])).toEqual([
      "/",
      "/saisines",
      "/referents",
      "/pilotage",
      "/structures",
      "/utilisateurs",
      "/partenaires",
    ]);
    expect(entries(["national"])).toEqual(["/", "/pilotage", "/structures", "/partenaires"]);
    expect(entries(["admin"])).toEqual([
      "/",
      "/referents",
      "/pilotage",
      "/structures",
      "/utilisateurs",
      "/partenaires",
      "/admin/outbox",
      "/admin/journal",
    ]);
    expect(entries(["referent", "agent"])).toEqual(entries(["agent"]));
    expect(entries([])).toEqual([]);
  });

  it("names, for each entry, the permission its page's loader guard asks (every role's, for pages open to any user)", () => {
    const routes = flattenRoutes();
    const mismatches: string[] = [];
    for (const item of NAV_ITEMS) {
      const route = routes.find((candidate) => candidate.path === item.to);
      if (!route) {
        mismatches.push(`${item.to}: no such route`);
        continue;
      }
      const source = readFileSync(new URL(route.file, new URL("../../", import.meta.url)), "utf8");
      const loader = source.slice(source.search(/export (async )?function loader\b/));
      const guard = /\b(requirePermission\(request, "([^"]+)"\)|requireUser\(request\))/.exec(loader);
      const asked = guard?.[2] ?? (guard ? "any signed-in user" : "no guard");
      if (asked === "any signed-in user") {
        if (PERMISSIONS[item.permission].length !== ROLES.length) mismatches.push(`${item.to}: ${item.permission}`);
      } else if (asked !== item.permission)
        mismatches.push(`${item.to}: ${item.permission} but the page asks ${asked}`);
    }
    expect(mismatches).toEqual([]);
  });
});
