import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadActor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { auditLog, roleAssignments, users } from "../db/schema";
import { shiftDay } from "../platform/time";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { addRole } from "./add-role.server";
import { periodLabel } from "./assignment-labels";
import { endRole } from "./end-role.server";
import { getUserInScope } from "./get-user-in-scope.server";
import { isoToday } from "./grant-scope";
import { listUsersInScope } from "./list-users-in-scope.server";

const DAY = 24 * 60 * 60 * 1000;

let s57: string;
let s57b: string;
let s92: string;
let responsable57: string;
let coordinateur57: string;
let admin: string;
let national: string;
let agent57: string;
let agentBoth: string;
let referent57: string;
let referent92: string;

async function assignmentOf(userId: string, structureId: string | null = null) {
  const rows = await db().select().from(roleAssignments).where(eq(roleAssignments.userId, userId));
  return rows.find((row) => structureId === null || row.structureId === structureId)!;
}

beforeAll(async () => {
  s57 = await createTestStructure({
    nom: "France Services de Metz",
    departement: "57",
    communeInsee: "57463",
    codePostal: "57000",
  });
  s57b = await createTestStructure({
    nom: "France Services de Thionville",
    departement: "57",
    communeInsee: "57672",
    codePostal: "57100",
  });
  s92 = await createTestStructure({ nom: "France Services de Fontenay", departement: "92" });
  const since = "2020-01-01";
  responsable57 = (await createTestUser([{ role: "responsable", structureId: s57, startsOn: since }])).userId;
  coordinateur57 = (await createTestUser([{ role: "coordinateur", departement: "57", startsOn: since }])).userId;
  admin = (await createTestUser([{ role: "admin", startsOn: since }])).userId;
  national = (await createTestUser([{ role: "national", startsOn: since }])).userId;
  agent57 = (await createTestUser([{ role: "agent", structureId: s57, startsOn: since }])).userId;
  agentBoth = (
    await createTestUser([
      { role: "agent", structureId: s57, startsOn: since },
      { role: "agent", structureId: s92, startsOn: since },
    ])
  ).userId;
  referent57 = (await createTestUser([{ role: "referent", departement: "57", partnerKey: "caf", startsOn: since }]))
    .userId;
  referent92 = (await createTestUser([{ role: "referent", departement: "92", partnerKey: "caf", startsOn: since }]))
    .userId;
});

afterEach(() => {
  vi.useRealTimers();
});

describe("listUsersInScope", () => {
  it("shows a responsable the team of their structures, with only the roles held there", async () => {
    const team = await listUsersInScope(await testActor(responsable57));
    const ids = team.map((user) => user.id);
    expect(ids).toEqual(expect.arrayContaining([responsable57, agent57, agentBoth]));
    expect(ids).not.toContain(coordinateur57);
    expect(ids).not.toContain(referent57);
    const both = team.find((user) => user.id === agentBoth)!;
    expect(both.roles.map((role) => role.scopeLabel)).toEqual(["France Services de Metz"]);
    expect(both.roles[0]).toMatchObject({
      roleLabel: "Agent France Services",
      status: "actif",
      periodLabel: "depuis le 01/01/2020",
    });
  });

  it("shows a coordinateur the structures and referents of their département, not the others", async () => {
    const team = await listUsersInScope(await testActor(coordinateur57));
    const ids = team.map((user) => user.id);
    expect(ids).toEqual(expect.arrayContaining([responsable57, agent57, agentBoth, referent57, coordinateur57]));
    expect(ids).not.toContain(referent92);
    expect(ids).not.toContain(admin);
    expect(team.find((user) => user.id === referent57)!.roles[0].scopeLabel).toBe("CAF — 57 — Moselle");
  });

  it("shows an admin everyone, and the national role nobody", async () => {
    const all = (await listUsersInScope(await testActor(admin))).map((user) => user.id);
    expect(all).toEqual(
      expect.arrayContaining([
        responsable57,
        coordinateur57,
        admin,
        national,
        agent57,
        agentBoth,
        referent57,
        referent92,
      ]),
    );
    expect(await listUsersInScope(await testActor(national))).toEqual([]);
    expect(await listUsersInScope(await testActor(agent57))).toEqual([]);
  });
});

describe("getUserInScope", () => {
  it("returns a user of the scope and 404 otherwise", async () => {
    const user = await getUserInScope(await testActor(responsable57), agent57);
    expect(user.roles).toHaveLength(1);
    await expect(getUserInScope(await testActor(responsable57), referent57)).rejects.toMatchObject({
      code: "user.not_found",
      status: 404,
    });
    await expect(getUserInScope(await testActor(coordinateur57), referent92)).rejects.toMatchObject({
      code: "user.not_found",
      status: 404,
    });
    await expect(getUserInScope(await testActor(admin), "pas-un-uuid")).rejects.toMatchObject({
      code: "user.not_found",
      status: 404,
    });
  });
});

describe("addRole", () => {
  it("grants a role in the actor's scope and journals it", async () => {
    const { userId } = await createTestUser([{ role: "agent", structureId: s57, startsOn: "2020-01-01" }]);
    const assignmentId = await addRole(await testActor(coordinateur57), userId, {
      role: "responsable",
      structureId: s57b,
      startsOn: isoToday(),
    });
    const actor = await loadActor(userId, { via: "session" });
    expect(actor?.responsableStructureIds).toEqual([s57b]);
    expect((await db().select().from(roleAssignments).where(eq(roleAssignments.id, assignmentId)))[0]).toMatchObject({
      userId,
      role: "responsable",
    });
    const audit = (await db().select().from(auditLog).where(eq(auditLog.action, "role.granted"))).filter(
      (row) => row.targetId === userId,
    );
    expect(audit.at(-1)).toMatchObject({
      actorId: coordinateur57,
      role: "coordinateur",
      structureId: s57b,
      targetType: "user",
    });
  });

  it("refuses a scope the actor may not grant, a duplicate, and a user out of scope", async () => {
    const responsable = await testActor(responsable57);
    await expect(
      addRole(responsable, agent57, { role: "agent", structureId: s57b, startsOn: isoToday() }),
    ).rejects.toMatchObject({
      code: "role.scope_forbidden",
      status: 403,
    });
    await expect(
      addRole(responsable, agent57, { role: "coordinateur", departement: "57", startsOn: isoToday() }),
    ).rejects.toMatchObject({
      code: "role.scope_forbidden",
    });
    await expect(
      addRole(responsable, agent57, { role: "agent", structureId: s57, startsOn: isoToday() }),
    ).rejects.toMatchObject({
      code: "role.already_held",
      status: 409,
    });
    await expect(
      addRole(responsable, referent92, { role: "agent", structureId: s57, startsOn: isoToday() }),
    ).rejects.toMatchObject({
      code: "user.not_found",
    });
    await expect(
      addRole(await testActor(coordinateur57), agent57, { role: "national", startsOn: isoToday() }),
    ).rejects.toMatchObject({
      code: "role.scope_forbidden",
    });
  });
});

describe("endRole", () => {
  it("keeps the role through its last day, then the actor no longer has it", async () => {
    const { userId } = await createTestUser([{ role: "agent", structureId: s57, startsOn: "2020-01-01" }]);
    const assignment = await assignmentOf(userId);
    const start = Date.now();
    const lastDay = isoToday(new Date(start + 2 * DAY));
    await endRole(await testActor(responsable57), assignment.id, lastDay, { ip: "192.0.2.3", userAgent: "vitest" });

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start + 2 * DAY);
    expect((await loadActor(userId, { via: "session" }))?.roles.has("agent")).toBe(true);
    vi.setSystemTime(start + 3 * DAY);
    const after = await loadActor(userId, { via: "session" });
    expect(after?.roles.has("agent")).toBe(false);
    expect(after?.structureIds).toEqual([]);
    expect((await listUsersInScope(await testActor(responsable57))).map((user) => user.id)).not.toContain(userId);
    expect((await getUserInScope(await testActor(responsable57), userId)).roles[0].status).toBe("termine");

    const audit = (await db().select().from(auditLog).where(eq(auditLog.action, "role.ended"))).filter(
      (row) => row.targetId === assignment.id,
    );
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: responsable57,
        role: "responsable",
        structureId: s57,
        targetType: "role_assignment",
        ip: "192.0.2.3",
      }),
    ]);
  });

  it("ends a role at once when its last day is yesterday", async () => {
    const { userId } = await createTestUser([{ role: "agent", structureId: s57, startsOn: "2020-01-01" }]);
    await endRole(
      await testActor(responsable57),
      (await assignmentOf(userId)).id,
      isoToday(new Date(Date.now() - DAY)),
    );
    expect((await loadActor(userId, { via: "session" }))?.roles.size).toBe(0);
  });

  it("withdraws at once a role given today by ending it the day before it starts", async () => {
    const { userId } = await createTestUser([{ role: "agent", structureId: s92 }]);
    const assignment = await assignmentOf(userId);
    await endRole(await testActor(admin), assignment.id, shiftDay(isoToday(), -1));
    expect((await loadActor(userId, { via: "session" }))?.roles.size).toBe(0);
  });

  it("refuses a role out of scope, an unknown id and an end before the start", async () => {
    const { userId } = await createTestUser([{ role: "agent", structureId: s92, startsOn: "2020-01-01" }]);
    const assignment = await assignmentOf(userId);
    await expect(endRole(await testActor(responsable57), assignment.id, isoToday())).rejects.toMatchObject({
      code: "role.not_found",
      status: 404,
    });
    await expect(endRole(await testActor(coordinateur57), assignment.id, isoToday())).rejects.toMatchObject({
      code: "role.not_found",
    });
    await expect(endRole(await testActor(admin), "pas-un-uuid", isoToday())).rejects.toMatchObject({
      code: "role.not_found",
    });
    await expect(endRole(await testActor(admin), assignment.id, "2019-12-30")).rejects.toMatchObject({
      code: "role.end_before_start",
      field: "endsOn",
    });
    expect((await assignmentOf(userId)).endsOn).toBeNull();
  });

  it("lets a coordinateur end a referent of their département only", async () => {
    const { userId } = await createTestUser([
      { role: "referent", departement: "92", partnerKey: "msa", startsOn: "2020-01-01" },
    ]);
    await expect(
      endRole(await testActor(coordinateur57), (await assignmentOf(userId)).id, isoToday()),
    ).rejects.toMatchObject({ code: "role.not_found" });
    const { userId: local } = await createTestUser([
      { role: "referent", departement: "57", partnerKey: "msa", startsOn: "2020-01-01" },
    ]);
    await endRole(await testActor(coordinateur57), (await assignmentOf(local)).id, isoToday());
    expect((await assignmentOf(local)).endsOn).toBe(isoToday());
  });
});

describe("periodLabel", () => {
  it("says from when and until when, in French", () => {
    expect(periodLabel("2025-01-01", null, "2025-03-01")).toBe("depuis le 01/01/2025");
    expect(periodLabel("2025-04-01", null, "2025-03-01")).toBe("à partir du 01/04/2025");
    expect(periodLabel("2025-01-01", "2025-12-31", "2025-03-01")).toBe("du 01/01/2025 au 31/12/2025 inclus");
  });
});

describe("audit journal of role changes", () => {
  it("carries ids only", async () => {
    const journal = JSON.stringify(await db().select().from(auditLog));
    for (const user of await db().select({ email: users.email }).from(users)) expect(journal).not.toContain(user.email);
    expect(journal).not.toContain("Camille");
  });
});
