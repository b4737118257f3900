import { describe, expect, it } from "vitest";
import type { Actor } from "../acces/actor.server";
import { ROLES, type Role } from "../acces/roles";
import {
  assignmentStatus,
  canGrant,
  type GrantScope,
  grantableRoles,
  grantingRole,
  managerView,
  normalizeScope,
  scopeShapeValid,
} from "./grant-scope";

const S1 = "11111111-1111-4111-8111-111111111111";
const S2 = "22222222-2222-4222-8222-222222222222";

function actor(
  roles: Role[],
  scope: Partial<Pick<Actor, "responsableStructureIds" | "coordinateurDepartements" | "structureIds">> = {},
): Actor {
  return {
    userId: "u",
    email: "",
    prenom: "",
    nom: "",
    totpEnabled: false,
    roles: new Set(roles),
    primaryRole: roles[0] ?? null,
    assignments: [],
    structureIds: scope.structureIds ?? scope.responsableStructureIds ?? [],
    responsableStructureIds: scope.responsableStructureIds ?? [],
    coordinateurDepartements: scope.coordinateurDepartements ?? [],
    referentScopes: [],
    currentStructureId: null,
    sessionIdHash: null,
    via: "session",
  };
}

const responsableS1 = actor(["responsable"], { responsableStructureIds: [S1] });
const agentS1 = actor(["agent"], { structureIds: [S1] });
const coordinateur57 = actor(["coordinateur"], { coordinateurDepartements: ["57"] });
const admin = actor(["admin"]);
const national = actor(["national"]);
const referent = actor(["referent"]);

const scopes = {
  agentS1: { role: "agent", structureId: S1, structureDepartement: "57" },
  responsableS1: { role: "responsable", structureId: S1, structureDepartement: "57" },
  agentS2in92: { role: "agent", structureId: S2, structureDepartement: "92" },
  responsableS2in92: { role: "responsable", structureId: S2, structureDepartement: "92" },
  referent57: { role: "referent", departement: "57", partnerKey: "caf" },
  referent92: { role: "referent", departement: "92", partnerKey: "caf" },
  coordinateur57: { role: "coordinateur", departement: "57" },
  coordinateur92: { role: "coordinateur", departement: "92" },
  national: { role: "national" },
  admin: { role: "admin" },
} satisfies Record<string, GrantScope>;

type ScopeName = keyof typeof scopes;

/** The whole matrix: for each actor, the scopes it may grant; every other scope is refused. */
const MATRIX: Array<[string, Actor, ScopeName[]]> = [
  ["responsable of S1", responsableS1, ["agentS1", "responsableS1"]],
  ["coordinateur of 57", coordinateur57, ["agentS1", "responsableS1", "referent57", "coordinateur57"]],
  ["admin", admin, Object.keys(scopes) as ScopeName[]],
  ["agent", agentS1, []],
  ["national", national, []],
  ["referent", referent, []],
  ["nobody (no role in force)", actor([]), []],
];

describe("canGrant", () => {
  for (const [name, who, allowed] of MATRIX) {
    for (const scopeName of Object.keys(scopes) as ScopeName[]) {
      const expected = allowed.includes(scopeName);
      it(`${name} ${expected ? "may" : "may not"} grant ${scopeName}`, () => {
        expect(canGrant(who, scopes[scopeName])).toBe(expected);
      });
    }
  }

  it("a responsable cannot invite into another structure, even one they work in as agent", () => {
    const both = actor(["responsable", "agent"], { responsableStructureIds: [S1], structureIds: [S1, S2] });
    expect(canGrant(both, { role: "agent", structureId: S2, structureDepartement: "57" })).toBe(false);
  });

  it("a responsable cannot grant coordinateur, referent, national or admin", () => {
    for (const role of ["coordinateur", "referent", "national", "admin"] as const) {
      expect(
        canGrant(
          responsableS1,
          scopes[role === "coordinateur" ? "coordinateur57" : role === "referent" ? "referent57" : role],
        ),
      ).toBe(false);
    }
  });

  it("a coordinateur of 57 cannot invite in 92, whatever the role", () => {
    for (const name of ["agentS2in92", "responsableS2in92", "referent92", "coordinateur92"] as const) {
      expect(canGrant(coordinateur57, scopes[name])).toBe(false);
    }
  });

  it("a coordinateur needs the structure's département to grant a structure role", () => {
    expect(canGrant(coordinateur57, { role: "agent", structureId: S1 })).toBe(false);
  });

  it("only admin grants national and admin, even to a coordinateur of every département", () => {
    const wide = actor(["coordinateur", "responsable", "national"], {
      coordinateurDepartements: ["57", "92"],
      responsableStructureIds: [S1],
    });
    expect(canGrant(wide, scopes.national)).toBe(false);
    expect(canGrant(wide, scopes.admin)).toBe(false);
    expect(canGrant(admin, scopes.national)).toBe(true);
    expect(canGrant(admin, scopes.admin)).toBe(true);
  });

  it("refuses a scope whose shape does not fit the role, even to an admin", () => {
    expect(canGrant(admin, { role: "agent" })).toBe(false);
    expect(canGrant(admin, { role: "referent", departement: "57" })).toBe(false);
    expect(canGrant(admin, { role: "coordinateur", departement: "57", structureId: S1 })).toBe(false);
    expect(canGrant(admin, { role: "national", departement: "57" })).toBe(false);
  });

  it("names the most local role that allows the grant", () => {
    const both = actor(["responsable", "coordinateur", "admin"], {
      responsableStructureIds: [S1],
      coordinateurDepartements: ["57"],
    });
    expect(grantingRole(both, scopes.agentS1)).toBe("responsable");
    expect(grantingRole(both, { role: "agent", structureId: S2, structureDepartement: "57" })).toBe("coordinateur");
    expect(grantingRole(both, scopes.agentS2in92)).toBe("admin");
  });
});

describe("grantableRoles", () => {
  it("lists what each actor may offer in the role select", () => {
    expect(grantableRoles(responsableS1)).toEqual(["agent", "responsable"]);
    expect(grantableRoles(coordinateur57)).toEqual(["agent", "responsable", "referent", "coordinateur"]);
    expect(grantableRoles(admin)).toEqual([...ROLES]);
    expect(grantableRoles(agentS1)).toEqual([]);
    expect(grantableRoles(national)).toEqual([]);
  });
});

describe("normalizeScope", () => {
  it("keeps only the fields of the chosen role (a form without JavaScript sends them all)", () => {
    const all = { structureId: S1, departement: "57", partnerKey: "caf", startsOn: "2025-01-01", endsOn: null };
    expect(normalizeScope({ role: "agent", ...all })).toEqual({
      role: "agent",
      structureId: S1,
      departement: null,
      partnerKey: null,
      startsOn: "2025-01-01",
      endsOn: null,
    });
    expect(normalizeScope({ role: "coordinateur", ...all })).toEqual({
      role: "coordinateur",
      structureId: null,
      departement: "57",
      partnerKey: null,
      startsOn: "2025-01-01",
      endsOn: null,
    });
    expect(normalizeScope({ role: "referent", ...all })).toEqual({
      role: "referent",
      structureId: null,
      departement: "57",
      partnerKey: "caf",
      startsOn: "2025-01-01",
      endsOn: null,
    });
    expect(normalizeScope({ role: "national", ...all })).toEqual({
      role: "national",
      structureId: null,
      departement: null,
      partnerKey: null,
      startsOn: "2025-01-01",
      endsOn: null,
    });
    for (const role of ROLES) {
      const normalized = normalizeScope({ role, ...all });
      expect(scopeShapeValid(normalized)).toBe(true);
    }
  });
});

describe("managerView", () => {
  it("keeps only the structures where the actor is responsable, and drops the national role", () => {
    const view = managerView(
      actor(["responsable", "agent", "national"], { responsableStructureIds: [S1], structureIds: [S1, S2] }),
    );
    expect(view.structureIds).toEqual([S1]);
    expect(view.roles.has("national")).toBe(false);
  });
});

describe("assignmentStatus", () => {
  it("treats ends_on as the last day held", () => {
    expect(assignmentStatus({ startsOn: "2025-01-01", endsOn: "2025-03-10" }, "2025-03-10")).toBe("actif");
    expect(assignmentStatus({ startsOn: "2025-01-01", endsOn: "2025-03-10" }, "2025-03-11")).toBe("termine");
    expect(assignmentStatus({ startsOn: "2025-04-01", endsOn: null }, "2025-03-11")).toBe("a_venir");
    expect(assignmentStatus({ startsOn: "2025-01-01", endsOn: null }, "2025-03-11")).toBe("actif");
  });
});
