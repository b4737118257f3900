import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import {
  auditLog,
  outbox,
  referentGroupHistory,
  referentGroups,
  saisineIdentifications,
  saisineMessages,
  saisines,
} from "../db/schema";
import { recordSignature } from "../mandats/record-signature.server";
import { runJob } from "../platform/jobs.server";
import { parisDay, parisInstant, shiftDay } from "../platform/time";
import { retentionJob } from "../retention/retention.job";
import { createTestUser } from "../test/factories";
import { newGroup, newReferent } from "../test/saisine-fixtures";
import {
  newDemarche,
  newMandat,
  newUsager,
  setDemarcheStatut,
  structureWithAgent,
  useTestEncryptionKey,
} from "../test/usager-fixtures";
import { createSaisine } from "./create-saisine.server";
import { directoryFreshnessJob } from "./directory-freshness.job";
import { getSaisine } from "./get-saisine.server";
import { postMessage } from "./post-message.server";
import { saisineRemindersJob } from "./reminders.job";
import { saisineRetentionJob } from "./retention.job";
import { createSaisineSchema, postMessageSchema } from "./saisines.schema";
import { isWorkingDay } from "./working-days";

let agent: Actor;
let group: string;
let referent: Awaited<ReturnType<typeof newReferent>>;
let coordinateurEmail: string;

const input = (values: Record<string, unknown> = {}) =>
  createSaisineSchema.parse({
    partnerKey: "caf",
    objet: "Versement bloqué",
    description: "Le dossier de Mme Zazie Quenouille est bloqué.",
    urgence: "urgence",
    ...values,
  });

async function mailsTo(address: string) {
  return db().select().from(outbox).where(eq(outbox.to, address));
}

/**
 * Fake time is whole: the fixtures are created at the real time, before any faked instant, and the test of
 * the deadlines fakes a week that starts at least a week after today, with five working days in Moselle. So
 * no fixture postdates the faked clock (on PostgreSQL the server's own clock dates some of them) and no test
 * depends on the day the suite runs.
 */
function quietWeekMonday(): string {
  let monday = shiftDay(parisDay(), 7);
  while (new Date(`${monday}T00:00:00Z`).getUTCDay() !== 1) monday = shiftDay(monday, 1);
  while (![0, 1, 2, 3, 4].every((offset) => isWorkingDay(shiftDay(monday, offset), "57"))) monday = shiftDay(monday, 7);
  return monday;
}

beforeAll(async () => {
  useTestEncryptionKey();
  ({ agent } = await structureWithAgent());
  group = await newGroup("57", "caf");
  referent = await newReferent(group, "caf", "57");
  coordinateurEmail = (await createTestUser([{ role: "coordinateur", departement: "57" }])).email;
});

afterEach(() => vi.useRealTimers());

describe("deadline reminders", () => {
  it("reminds the group at the deadline, the coordinateur one working day later, each once", async () => {
    const monday = quietWeekMonday();
    const thursday = shiftDay(monday, 3);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(parisInstant(monday, 10 * 60)); // first answer due on Thursday at 10:00
    const id = await createSaisine(agent, input());
    const before = (await mailsTo(referent.email)).length;
    vi.setSystemTime(parisInstant(thursday, 9 * 60 + 59));
    expect((await runJob(saisineRemindersJob)).counts).toEqual({ groupes: 0, coordinateurs: 0 });
    vi.setSystemTime(parisInstant(thursday, 10 * 60 + 1));
    expect((await runJob(saisineRemindersJob)).counts).toEqual({ groupes: 1, coordinateurs: 0 });
    const reminders = (await mailsTo(referent.email)).slice(before);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].text).toContain(`/saisines/${id}`);
    expect(reminders[0].text).not.toContain("Quenouille");
    expect((await runJob(saisineRemindersJob)).counts).toEqual({ groupes: 0, coordinateurs: 0 });
    vi.setSystemTime(parisInstant(shiftDay(monday, 4), 10 * 60 + 1));
    expect((await runJob(saisineRemindersJob)).counts).toEqual({ groupes: 0, coordinateurs: 1 });
    expect((await mailsTo(coordinateurEmail)).some((mail) => mail.text.includes(`/saisines/${id}`))).toBe(true);
    // Answered: the resolution deadline is the next one, far away.
    await postMessage(referent.actor, id, postMessageSchema.parse({ type: "prise_en_charge" }));
    expect((await runJob(saisineRemindersJob)).counts).toEqual({ groupes: 0, coordinateurs: 0 });
  });
});

describe("directory freshness", () => {
  it("asks a group a year old to confirm, flags it to the coordinateur after 13 months, and the CLI payload asks everyone", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const old = await newGroup("57", "dgfip");
    await db()
      .update(referentGroups)
      .set({ lastConfirmedAt: new Date(Date.now() - 400 * 86_400_000) })
      .where(eq(referentGroups.id, old));
    const result = await runJob(directoryFreshnessJob as never);
    expect(result.counts.demandes).toBeGreaterThanOrEqual(1);
    expect(result.counts.signalees).toBeGreaterThanOrEqual(1);
    const [row] = await db().select().from(referentGroups).where(eq(referentGroups.id, old));
    expect(row.confirmationRequestedAt).not.toBeNull();
    expect(row.staleFlaggedAt).not.toBeNull();
    expect((await mailsTo(coordinateurEmail)).some((mail) => mail.text.includes(`/referents/${old}`))).toBe(true);
    expect((await runJob(directoryFreshnessJob as never)).counts).toEqual({ demandes: 0, signalees: 0 });
    const all = await runJob(directoryFreshnessJob as never, { payload: { all: true } });
    expect(all.counts.demandes).toBe((await db().select().from(referentGroups)).length);
    const history = await db().select().from(referentGroupHistory).where(eq(referentGroupHistory.groupId, group));
    expect(history.map((h) => h.change)).toContain("confirmation_requested");
  });
});

describe("retention", () => {
  it("destroys the personal data of a saisine closed 6 months ago, not before", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(parisInstant("2026-03-02", 10 * 60));
    const usagerId = await newUsager(agent, { nom: "Quenouille", prenom: "Zazie" });
    const demarcheId = await newDemarche(agent, usagerId);
    await recordSignature(agent, await newMandat(agent, usagerId, [demarcheId]), parisDay());
    const id = await createSaisine(agent, input({ demarcheId, identification: { numero_allocataire: "7654321" } }));
    await postMessage(
      referent.actor,
      id,
      postMessageSchema.parse({ type: "reponse", body: "Mme Quenouille est régularisée." }),
    );
    await postMessage(agent, id, postMessageSchema.parse({ type: "cloture", usefulness: "utile" }));
    vi.setSystemTime(parisInstant("2026-09-01", 10 * 60));
    await runJob(saisineRetentionJob as never);
    expect((await db().select().from(saisines).where(eq(saisines.id, id)))[0].objet).toBe("Versement bloqué");
    vi.setSystemTime(parisInstant("2026-09-03", 10 * 60));
    const destroyed = await runJob(saisineRetentionJob as never);
    expect(destroyed.error ?? "").toBe("");
    expect(destroyed.counts.detruites).toBeGreaterThanOrEqual(1);
    const [row] = await db().select().from(saisines).where(eq(saisines.id, id));
    expect(row).toMatchObject({ objet: null, description: null, usagerId: null, mandatId: null });
    expect(row.destroyedAt).not.toBeNull();
    expect(await db().select().from(saisineIdentifications).where(eq(saisineIdentifications.saisineId, id))).toEqual(
      [],
    );
    const thread = await db().select().from(saisineMessages).where(eq(saisineMessages.saisineId, id));
    expect(thread.every((m) => m.body === null)).toBe(true);
    expect(thread.map((m) => m.type)).toEqual(["reponse", "cloture"]);
    expect(JSON.stringify(await db().select().from(saisines).where(eq(saisines.id, id)))).not.toContain("Quenouille");
    expect(
      (await db().select().from(auditLog).where(eq(auditLog.targetId, id))).some(
        (e) => e.action === "retention.saisine_destroyed",
      ),
    ).toBe(true);
  });

  it("destroys a démarche's saisines with the démarche's personal data, closing one still open, not 6 months later (issue 12)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    vi.setSystemTime(start);
    const usagerId = await newUsager(agent, { nom: "Quenouille", prenom: "Zazie" });
    const demarcheId = await newDemarche(agent, usagerId);
    await recordSignature(agent, await newMandat(agent, usagerId, [demarcheId]), parisDay());
    const identification = { numero_allocataire: "7654321", date_naissance: "1961-05-04" };
    const closed = await createSaisine(agent, input({ demarcheId, identification }));
    await postMessage(agent, closed, postMessageSchema.parse({ type: "cloture", usefulness: "utile" }));
    const open = await createSaisine(agent, input({ demarcheId, identification }));
    await postMessage(referent.actor, open, postMessageSchema.parse({ type: "reponse", body: "Mme Quenouille ?" }));
    const other = await createSaisine(agent, input());
    expect(
      await db().select().from(saisineIdentifications).where(eq(saisineIdentifications.saisineId, open)),
    ).toHaveLength(2);
    await setDemarcheStatut(agent, demarcheId, "terminee");
    vi.setSystemTime(start + 8 * 86_400_000); // past the démarche's 7 days of grace, far from the saisines' 6 months
    expect((await runJob(retentionJob)).counts.demarchesDetruites).toBeGreaterThanOrEqual(1);
    for (const id of [closed, open]) {
      const [row] = await db().select().from(saisines).where(eq(saisines.id, id));
      expect(row).toMatchObject({ objet: null, description: null, usagerId: null, mandatId: null });
      expect(row.destroyedAt?.getTime()).toBe(start + 8 * 86_400_000);
      expect(await db().select().from(saisineIdentifications).where(eq(saisineIdentifications.saisineId, id))).toEqual(
        [],
      );
      const thread = await db()
        .select()
        .from(saisineMessages)
        .where(eq(saisineMessages.saisineId, id))
        .orderBy(saisineMessages.seq);
      expect(thread.every((message) => message.body === null)).toBe(true);
      expect(thread.filter((message) => message.type === "cloture")).toHaveLength(1);
    }
    const openThread = await db()
      .select()
      .from(saisineMessages)
      .where(eq(saisineMessages.saisineId, open))
      .orderBy(saisineMessages.seq);
    expect(openThread.map((message) => `${message.side}:${message.type}`)).toEqual([
      "referent:reponse",
      "systeme:cloture",
    ]);
    expect((await getSaisine(agent, open)).state.status).toBe("close");
    // A saisine about no démarche keeps its own period.
    expect((await db().select().from(saisines).where(eq(saisines.id, other)))[0].objet).toBe("Versement bloqué");
  });

  it("warns about a saisine silent for 12 months, then closes and destroys it 30 days later; a message re-arms it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(parisInstant("2025-10-01", 10 * 60));
    const id = await createSaisine(agent, input());
    const kept = await createSaisine(agent, input());
    vi.setSystemTime(parisInstant("2026-10-05", 10 * 60));
    expect((await runJob(saisineRetentionJob as never)).counts.averties).toBeGreaterThanOrEqual(2);
    await postMessage(agent, kept, postMessageSchema.parse({ type: "question", body: "Toujours d’actualité." }));
    vi.setSystemTime(parisInstant("2026-11-05", 10 * 60));
    expect((await runJob(saisineRetentionJob as never)).counts.closes).toBeGreaterThanOrEqual(1);
    const [row] = await db().select().from(saisines).where(eq(saisines.id, id));
    expect(row.objet).toBeNull();
    expect(row.destroyedAt).not.toBeNull();
    const view = await getSaisine(agent, id);
    expect(view.state).toMatchObject({ status: "close", usefulness: null });
    expect((await db().select().from(saisines).where(eq(saisines.id, kept)))[0].destroyedAt).toBeNull();
  });
});
