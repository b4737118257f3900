import { desc, eq, gt, inArray } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadActor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { auditLog, invitations, outbox, roleAssignments, users } from "../db/schema";
import { sha256Hex } from "../platform/crypto.server";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { acceptInvitation } from "./accept-invitation.server";
import { describeInvitation } from "./describe-invitation.server";
import { endRole } from "./end-role.server";
import { isoToday } from "./grant-scope";
import type { InviteInput } from "./invitations.schema";
import { inviteUser } from "./invite-user.server";
import { listPendingInvitations } from "./list-pending-invitations.server";

const INVITEE = { prenom: "Zéphyrine", nom: "Quintalabre" };
const PASSWORD = "un-mot-de-passe-solide";
const SEVEN_DAYS = 7 * 24 * 60 * 60 * 1000;

let s57: string;
let s57b: string;
let s92: string;
let responsable57: string;
let coordinateur57: string;
let admin: string;

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
  responsable57 = (await createTestUser([{ role: "responsable", structureId: s57, startsOn: "2020-01-01" }])).userId;
  coordinateur57 = (await createTestUser([{ role: "coordinateur", departement: "57", startsOn: "2020-01-01" }])).userId;
  admin = (await createTestUser([{ role: "admin", startsOn: "2020-01-01" }])).userId;
});

afterEach(() => {
  vi.useRealTimers();
});

let counter = 0;
function input(overrides: Partial<InviteInput> = {}): InviteInput {
  counter += 1;
  return {
    ...INVITEE,
    email: `invitee-${counter}@exemple.fr`,
    role: "agent",
    structureId: s57,
    startsOn: "2020-01-01",
    ...overrides,
  };
}

async function lastMailTo(to: string) {
  const [mail] = await db().select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt));
  return mail;
}

function tokenFrom(text: string): string {
  const match = /http:\/\/localhost:3000\/invitation\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error("no invitation link in the mail");
  return match[1];
}

async function acceptFromMail(email: string) {
  const token = tokenFrom((await lastMailTo(email)).text);
  await acceptInvitation(token, { password: PASSWORD });
  const [user] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  return db().select().from(roleAssignments).where(eq(roleAssignments.userId, user.id));
}

async function auditRows(action: string, targetId: string) {
  return db()
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .then((rows) => rows.filter((row) => row.targetId === targetId));
}

describe("inviteUser", () => {
  it("keeps the invited period: a future start and an end date survive acceptance; a past start becomes the acceptance day", async () => {
    const future = input({ startsOn: "2099-01-01", endsOn: "2099-06-30" });
    await inviteUser(await testActor(responsable57), future);
    const [userA] = await acceptFromMail(future.email);
    expect(userA).toMatchObject({ startsOn: "2099-01-01", endsOn: "2099-06-30" });
    const past = input({ startsOn: "2020-01-01" });
    await inviteUser(await testActor(responsable57), past);
    const [userB] = await acceptFromMail(past.email);
    expect(userB.startsOn).toBe(isoToday());
  });

  it("stores only the token's hash and mails the link, the role and the scope, without the invitee's name", async () => {
    const values = input();
    const result = await inviteUser(await testActor(responsable57), values, { ip: "192.0.2.1", userAgent: "vitest" });
    expect(result.kind).toBe("invited");
    const mail = await lastMailTo(values.email);
    expect(mail.subject).toBe("Invitation à rejoindre Guichet");
    const token = tokenFrom(mail.text);
    expect(mail.text).toContain("Agent France Services");
    expect(mail.text).toContain("France Services de Metz");
    expect(mail.text).toContain("Responsable de structure");
    for (const secret of [INVITEE.prenom, INVITEE.nom, values.email]) expect(mail.text).not.toContain(secret);
    const [row] = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, sha256Hex(token)));
    expect(row.id).toBe(result.kind === "invited" ? result.invitationId : null);
    expect(row.tokenHash).not.toContain(token);
    const audit = await auditRows("invitation.created", row.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: responsable57,
      role: "responsable",
      structureId: s57,
      targetType: "invitation",
      ip: "192.0.2.1",
    });
  });

  it("refuses a responsable inviting into another structure, and sends nothing", async () => {
    const values = input({ structureId: s57b });
    await expect(inviteUser(await testActor(responsable57), values)).rejects.toMatchObject({
      code: "invitation.scope_forbidden",
      status: 403,
    });
    expect(await db().select().from(invitations).where(eq(invitations.email, values.email))).toHaveLength(0);
    expect(await lastMailTo(values.email)).toBeUndefined();
  });

  it("refuses a responsable granting coordinateur", async () => {
    await expect(
      inviteUser(
        await testActor(responsable57),
        input({ role: "coordinateur", structureId: undefined, departement: "57" }),
      ),
    ).rejects.toMatchObject({
      code: "invitation.scope_forbidden",
    });
  });

  it("lets a coordinateur of 57 invite anywhere in 57 but nowhere in 92", async () => {
    const actor = await testActor(coordinateur57);
    expect((await inviteUser(actor, input({ structureId: s57b }))).kind).toBe("invited");
    expect(
      (
        await inviteUser(
          actor,
          input({ role: "referent", structureId: undefined, departement: "57", partnerKey: "caf" }),
        )
      ).kind,
    ).toBe("invited");
    for (const values of [
      input({ structureId: s92 }),
      input({ role: "referent", structureId: undefined, departement: "92", partnerKey: "caf" }),
      input({ role: "coordinateur", structureId: undefined, departement: "92" }),
      input({ role: "national", structureId: undefined }),
    ]) {
      await expect(inviteUser(actor, values)).rejects.toMatchObject({
        code: "invitation.scope_forbidden",
        status: 403,
      });
    }
  });

  it("lets only an admin invite a national or admin user", async () => {
    const result = await inviteUser(await testActor(admin), input({ role: "national", structureId: undefined }));
    expect(result.kind).toBe("invited");
  });

  it("refuses an unknown département or partner with a field error", async () => {
    const actor = await testActor(admin);
    await expect(
      inviteUser(actor, input({ role: "coordinateur", structureId: undefined, departement: "00" })),
    ).rejects.toMatchObject({
      code: "departement.unknown",
      field: "departement",
    });
    await expect(
      inviteUser(
        actor,
        input({ role: "referent", structureId: undefined, departement: "57", partnerKey: "inconnu" as never }),
      ),
    ).rejects.toMatchObject({
      code: "partner.unknown",
    });
  });

  it("grants the role at once to an existing account, without an invitation, and notifies by mail", async () => {
    const { userId, email } = await createTestUser([{ role: "agent", structureId: s92, startsOn: "2020-01-01" }]);
    const result = await inviteUser(
      await testActor(responsable57),
      input({ email: email.toUpperCase(), startsOn: "2021-02-03", endsOn: "2031-02-03" }),
    );
    expect(result).toMatchObject({ kind: "granted", userId });
    expect(await db().select().from(invitations).where(eq(invitations.email, email))).toHaveLength(0);
    const rows = await db().select().from(roleAssignments).where(eq(roleAssignments.userId, userId));
    expect(rows.find((row) => row.structureId === s57)).toMatchObject({
      role: "agent",
      startsOn: "2021-02-03",
      endsOn: "2031-02-03",
    });
    const mail = await lastMailTo(email);
    expect(mail.subject).toBe("Un nouveau rôle vous a été attribué dans Guichet");
    expect(mail.text).toContain("http://localhost:3000/");
    expect(mail.text).not.toContain("/invitation/");
    const audit = await auditRows("role.granted", userId);
    expect(audit.some((row) => row.actorId === responsable57 && row.structureId === s57)).toBe(true);
    await expect(inviteUser(await testActor(responsable57), input({ email }))).rejects.toMatchObject({
      code: "role.already_held",
      status: 409,
    });
  });
});

describe("acceptInvitation", () => {
  it("creates the user with exactly the invited role and scope, once", async () => {
    const values = input({ role: "referent", structureId: s57, departement: "57", partnerKey: "msa" });
    const invited = await inviteUser(await testActor(coordinateur57), values);
    const token = tokenFrom((await lastMailTo(values.email)).text);
    expect(await describeInvitation(token)).toEqual({
      roleLabel: "Référent partenaire",
      scopeLabel: "MSA — 57 — Moselle",
    });

    const { userId } = await acceptInvitation(token, { password: PASSWORD }, { ip: "192.0.2.2", userAgent: "vitest" });
    const [user] = await db().select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ email: values.email, prenom: INVITEE.prenom, nom: INVITEE.nom });
    expect(user.passwordHash).toBeTruthy();
    const rows = await db().select().from(roleAssignments).where(eq(roleAssignments.userId, userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      role: "referent",
      structureId: null,
      departement: "57",
      partnerKey: "msa",
      endsOn: null,
    });
    const actor = await loadActor(userId, { via: "session" });
    expect(actor?.referentScopes).toEqual([{ partnerKey: "msa", departement: "57" }]);

    const invitationId = invited.kind === "invited" ? invited.invitationId : "";
    const [invitation] = await db().select().from(invitations).where(eq(invitations.id, invitationId));
    expect(invitation.acceptedAt).not.toBeNull();
    expect(await auditRows("invitation.accepted", invitationId)).toEqual([
      expect.objectContaining({ actorId: userId, role: "referent", targetType: "invitation", ip: "192.0.2.2" }),
    ]);
    expect(await auditRows("user.created", userId)).toEqual([
      expect.objectContaining({ actorId: coordinateur57, role: "coordinateur" }),
    ]);
    expect(await auditRows("role.granted", userId)).toEqual([expect.objectContaining({ actorId: coordinateur57 })]);

    await expect(acceptInvitation(token, { password: PASSWORD })).rejects.toMatchObject({ code: "auth.invalid_token" });
    expect(await describeInvitation(token)).toBeNull();
  });

  it("expires after 7 days", async () => {
    // Close to the real clock: PGlite's own timers read Date too, and dislike years-long jumps.
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
    const late = input();
    const onTime = input();
    await inviteUser(await testActor(responsable57), late);
    await inviteUser(await testActor(responsable57), onTime);
    const lateToken = tokenFrom((await lastMailTo(late.email)).text);
    const onTimeToken = tokenFrom((await lastMailTo(onTime.email)).text);

    vi.setSystemTime(start + SEVEN_DAYS - 60_000);
    const { userId } = await acceptInvitation(onTimeToken, { password: PASSWORD });
    expect((await loadActor(userId, { via: "session" }))?.structureIds).toEqual([s57]);

    vi.setSystemTime(start + SEVEN_DAYS + 1_000);
    expect(await describeInvitation(lateToken)).toBeNull();
    await expect(acceptInvitation(lateToken, { password: PASSWORD })).rejects.toMatchObject({
      code: "auth.invalid_token",
    });
    expect(await db().select().from(users).where(eq(users.email, late.email))).toHaveLength(0);
  });

  it("honours every pending invitation to the same address when one is accepted", async () => {
    const first = input();
    await inviteUser(await testActor(responsable57), first);
    await inviteUser(await testActor(coordinateur57), { ...first, structureId: s57b });
    await inviteUser(await testActor(coordinateur57), { ...first, structureId: s57b });
    const [, secondMail] = await db().select().from(outbox).where(eq(outbox.to, first.email)).orderBy(outbox.createdAt);
    const { userId } = await acceptInvitation(tokenFrom(secondMail.text), { password: PASSWORD });
    const actor = await loadActor(userId, { via: "session" });
    expect(actor?.structureIds.sort()).toEqual([s57, s57b].sort());
    expect(actor?.assignments).toHaveLength(2);
    const pending = await db().select().from(invitations).where(eq(invitations.email, first.email));
    expect(pending.every((row) => row.acceptedAt !== null)).toBe(true);
    const accepted = await db().select().from(auditLog).where(eq(auditLog.action, "invitation.accepted"));
    expect(accepted.filter((row) => pending.some((invitation) => invitation.id === row.targetId))).toHaveLength(3);
  });

  it("refuses an unknown token", async () => {
    await expect(acceptInvitation("pas-un-jeton", { password: PASSWORD })).rejects.toMatchObject({
      code: "auth.invalid_token",
    });
    await expect(acceptInvitation("", { password: PASSWORD })).rejects.toMatchObject({ code: "auth.invalid_token" });
  });

  it("refuses an invitation whose inviter has lost the right to grant it", async () => {
    const structure = await createTestStructure({ departement: "57", communeInsee: "57463", codePostal: "57000" });
    const { userId: leaving } = await createTestUser([
      { role: "responsable", structureId: structure, startsOn: "2020-01-01" },
    ]);
    const values = input({ structureId: structure });
    await inviteUser(await testActor(leaving), values);
    const token = tokenFrom((await lastMailTo(values.email)).text);
    const [assignment] = await db().select().from(roleAssignments).where(eq(roleAssignments.userId, leaving));
    await endRole(await testActor(coordinateur57), assignment.id, "2020-06-30");
    await expect(acceptInvitation(token, { password: PASSWORD })).rejects.toMatchObject({ code: "auth.invalid_token" });
  });
});

describe("listPendingInvitations", () => {
  it("lists pending invitations of the actor's scope only", async () => {
    const mine = input();
    const other = input({ structureId: s92 });
    await inviteUser(await testActor(responsable57), mine);
    await inviteUser(await testActor(admin), other);
    const pending = await listPendingInvitations(await testActor(responsable57));
    expect(pending.map((row) => row.email)).toContain(mine.email);
    expect(pending.map((row) => row.email)).not.toContain(other.email);
    expect(pending.find((row) => row.email === mine.email)).toMatchObject({
      roleLabel: "Agent France Services",
      scopeLabel: "France Services de Metz",
    });
    const all = await listPendingInvitations(await testActor(admin));
    expect(all.map((row) => row.email)).toEqual(expect.arrayContaining([mine.email, other.email]));
  });
});

describe("audit journal of invitations", () => {
  it("carries ids only: no name nor e-mail anywhere", async () => {
    const rows = await db().select().from(auditLog).where(gt(auditLog.id, 0));
    const people = await db().select({ email: users.email }).from(users);
    const invited = await db().select({ email: invitations.email }).from(invitations);
    const journal = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    for (const secret of [
      INVITEE.prenom,
      INVITEE.nom,
      "Camille",
      ...people.map((p) => p.email),
      ...invited.map((i) => i.email),
    ]) {
      expect(journal).not.toContain(secret);
    }
    expect(
      await db()
        .select()
        .from(auditLog)
        .where(inArray(auditLog.action, ["invitation.created", "invitation.accepted"])),
    ).not.toHaveLength(0);
  });
});
