import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "../db/client.server";
import { auditLog, fileAttente, jobRuns, passages, structures } from "../db/schema";
import { runJob } from "../platform/jobs.server";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { passageSchema } from "./accueil.schema";
import { listWaiting, markLeft, registerArrival } from "./file-attente-arrivals.server";
import { callNext, linkWaitToPassage, waitingSecondsFor } from "./file-attente-call.server";
import { fileAttentePurgeJob } from "./file-attente-purge.job";
import { loadScreenBoard } from "./file-attente-screen.server";
import { configureFileAttente, fileAttenteStructure } from "./file-attente-settings.server";
import { recordPassage } from "./record-passage.server";

afterEach(() => vi.useRealTimers());

const demande = {
  partenaires: ["caf"],
  situations: ["allocation_logement"],
  aides: ["information"],
  autonomie: "autonome",
  issue: "resolu_sur_place",
};

/** A structure with its waiting list on, two agents and a responsable. */
async function structureWithList(active = true) {
  const structureId = await createTestStructure({ fileAttenteActive: active });
  const agent = await testActor((await createTestUser([{ role: "agent", structureId }])).userId);
  const agent2 = await testActor((await createTestUser([{ role: "agent", structureId }])).userId);
  const responsable = await testActor((await createTestUser([{ role: "responsable", structureId }])).userId);
  return { structureId, agent, agent2, responsable };
}

function at(iso: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
}

describe("setting the waiting list on and off", () => {
  it("lets the responsable switch it, journaled with the structure as target", async () => {
    const { structureId, responsable } = await structureWithList(false);
    await configureFileAttente(responsable, { active: true }, { ip: "192.0.2.1" });
    const [row] = await db()
      .select({ active: structures.fileAttenteActive })
      .from(structures)
      .where(eq(structures.id, structureId));
    expect(row.active).toBe(true);
    const entries = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "file_attente.configured"), eq(auditLog.targetId, structureId)));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: responsable.userId,
      role: "responsable",
      structureId,
      targetType: "structure",
    });
    await configureFileAttente(responsable, { active: false });
    expect((await fileAttenteStructure(responsable)).active).toBe(false);
  });

  it("refuses an agent, and refuses arrivals and calls while the list is off", async () => {
    const { agent } = await structureWithList(false);
    await expect(configureFileAttente(agent, { active: true })).rejects.toMatchObject({
      code: "file_attente.configure_forbidden",
      status: 403,
    });
    await expect(registerArrival(agent)).rejects.toMatchObject({ code: "file_attente.inactive" });
    await expect(callNext(agent)).rejects.toMatchObject({ code: "file_attente.inactive" });
  });
});

describe("registering arrivals", () => {
  it("numbers tickets per structure and per Paris day, starting again after midnight in Paris", async () => {
    const { structureId, agent } = await structureWithList();
    const other = await structureWithList();
    at("2026-03-02T08:00:00Z");
    expect((await registerArrival(agent)).ticket).toBe(1);
    expect((await registerArrival(agent, { prenom: "  Camille  " })).ticket).toBe(2);
    // Another structure has its own numbering.
    expect((await registerArrival(other.agent)).ticket).toBe(1);
    // 23:59 in Paris, although it is 22:59 in UTC.
    at("2026-03-02T22:59:00Z");
    expect(await registerArrival(agent)).toMatchObject({ ticket: 3, jour: "2026-03-02" });
    // 00:30 in Paris: a new day, although UTC still says 2 March.
    at("2026-03-02T23:30:00Z");
    expect(await registerArrival(agent)).toMatchObject({ ticket: 1, jour: "2026-03-03" });
    const rows = await db()
      .select({ jour: fileAttente.jour, ticket: fileAttente.ticket, prenom: fileAttente.prenom })
      .from(fileAttente)
      .where(eq(fileAttente.structureId, structureId))
      .orderBy(fileAttente.arrivedAt);
    expect(rows).toEqual([
      { jour: "2026-03-02", ticket: 1, prenom: null },
      { jour: "2026-03-02", ticket: 2, prenom: "Camille" },
      { jour: "2026-03-02", ticket: 3, prenom: null },
      { jour: "2026-03-03", ticket: 1, prenom: null },
    ]);
  });

  it("never gives the same ticket twice to concurrent arrivals", async () => {
    const { structureId, agent, agent2 } = await structureWithList();
    const arrivals = await Promise.all(
      Array.from({ length: 8 }, (_, index) => registerArrival(index % 2 ? agent : agent2)),
    );
    expect(arrivals.map((arrival) => arrival.ticket).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const rows = await db()
      .select({ ticket: fileAttente.ticket })
      .from(fileAttente)
      .where(eq(fileAttente.structureId, structureId));
    expect(rows).toHaveLength(8);
  });

  it("keeps a first name only, 40 characters at most", async () => {
    const { agent } = await structureWithList();
    await expect(registerArrival(agent, { prenom: "x".repeat(41) })).rejects.toMatchObject({
      code: "validation.failed",
      field: "prenom",
    });
    expect((await registerArrival(agent, { prenom: "   " })).prenom).toBeNull();
    expect((await registerArrival(agent, { prenom: "É".repeat(40) })).prenom).toBe("É".repeat(40));
  });
});

describe("calling the next person", () => {
  it("calls the oldest arrival not called and not gone, and lists the others with their wait so far", async () => {
    const { agent } = await structureWithList();
    at("2026-03-02T08:00:00Z");
    const first = await registerArrival(agent);
    at("2026-03-02T08:01:00Z");
    const second = await registerArrival(agent, { prenom: "Lou" });
    at("2026-03-02T08:02:00Z");
    const third = await registerArrival(agent);
    await markLeft(agent, first.id);
    at("2026-03-02T08:05:00Z");
    expect(
      (await listWaiting(agent, agent.currentStructureId!)).map((entry) => [entry.ticket, entry.waitingSeconds]),
    ).toEqual([
      [2, 240],
      [3, 180],
    ]);
    const called = await callNext(agent);
    expect(called).toMatchObject({ id: second.id, prenom: "Lou", waitingSeconds: 240 });
    expect((await callNext(agent))?.id).toBe(third.id);
    expect(await callNext(agent)).toBeNull();
    await expect(markLeft(agent, second.id)).rejects.toMatchObject({ code: "file_attente.entry_not_found" });
    await expect(markLeft(agent, "pas-un-identifiant")).rejects.toMatchObject({ code: "file_attente.entry_not_found" });
  });

  it("never gives the same person to two agents calling at the same moment", async () => {
    const { agent, agent2 } = await structureWithList();
    await registerArrival(agent);
    await registerArrival(agent);
    const calls = await Promise.all([callNext(agent), callNext(agent2), callNext(agent)]);
    const ids = calls.filter((call) => call !== null).map((call) => call!.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(calls.filter((call) => call === null)).toHaveLength(1);
  });

  it("measures the wait and stores it on the recorded passage", async () => {
    const { agent, agent2, structureId } = await structureWithList();
    at("2026-03-02T09:00:00Z");
    const arrival = await registerArrival(agent);
    at("2026-03-02T09:07:12Z");
    const called = await callNext(agent2);
    expect(called).toMatchObject({ id: arrival.id, waitingSeconds: 432 });
    at("2026-03-02T09:08:00Z");
    const attenteSecondes = await waitingSecondsFor(agent2, arrival.id);
    expect(attenteSecondes).toBe(432);
    const passage = await recordPassage(agent2, passageSchema.parse({ sollicitations: [demande] }), {
      attenteSecondes,
    });
    expect(await linkWaitToPassage(arrival.id, passage.id)).toBe(true);
    const [stored] = await db()
      .select({ attente: passages.attenteSecondes })
      .from(passages)
      .where(eq(passages.id, passage.id));
    expect(stored.attente).toBe(432);
    const [entry] = await db()
      .select({ passageId: fileAttente.passageId, calledBy: fileAttente.calledBy })
      .from(fileAttente)
      .where(eq(fileAttente.id, arrival.id));
    expect(entry).toEqual({ passageId: passage.id, calledBy: agent2.userId });
    // Once tied to a passage, the wait is not handed out again.
    expect(await waitingSecondsFor(agent2, arrival.id)).toBeNull();
    expect(await linkWaitToPassage(arrival.id, passage.id)).toBe(false);
    expect(structureId).toBe(passage.structureId);
  });

  it("gives no wait for an entry not called yet, of another structure, or to link to another structure's passage", async () => {
    const { agent } = await structureWithList();
    const other = await structureWithList();
    const waiting = await registerArrival(agent);
    expect(await waitingSecondsFor(agent, waiting.id)).toBeNull();
    await callNext(agent);
    expect(await waitingSecondsFor(other.agent, waiting.id)).toBeNull();
    expect(await waitingSecondsFor(agent, "inconnu")).toBeNull();
    const foreignPassage = await recordPassage(other.agent, passageSchema.parse({ sollicitations: [demande] }));
    expect(await linkWaitToPassage(waiting.id, foreignPassage.id)).toBe(false);
  });
});

describe("the waiting-room screen", () => {
  it("shows the last calls of the day, most recent first, and how many wait", async () => {
    const { agent, structureId } = await structureWithList();
    at("2026-03-02T09:00:00Z");
    await registerArrival(agent);
    await registerArrival(agent, { prenom: "Lou" });
    await registerArrival(agent);
    at("2026-03-02T09:10:00Z");
    await callNext(agent);
    at("2026-03-02T09:12:00Z");
    await callNext(agent);
    const board = await loadScreenBoard(agent, structureId);
    expect(board.calls.map((call) => [call.ticket, call.prenom, call.calledAt])).toEqual([
      [2, "Lou", "10:12"],
      [1, null, "10:10"],
    ]);
    expect(board.waiting).toBe(1);
    expect(board.heure).toBe("10:12");
  });

  it("is not found for an agent of another structure", async () => {
    const { structureId } = await structureWithList();
    const other = await structureWithList();
    await expect(loadScreenBoard(other.agent, structureId)).rejects.toMatchObject({
      code: "structure.not_found",
      status: 404,
    });
  });
});

describe("the first-name purge job", () => {
  it("blanks the first names of previous days, keeps today's, and records its run", async () => {
    const { agent } = await structureWithList();
    at("2026-03-02T10:00:00Z");
    const yesterday = await registerArrival(agent, { prenom: "Camille" });
    at("2026-03-02T22:30:00Z");
    // 23:30 in Paris: still the same day.
    const lateYesterday = await registerArrival(agent, { prenom: "Sacha" });
    at("2026-03-03T07:00:00Z");
    const today = await registerArrival(agent, { prenom: "Lou" });

    const result = await runJob(fileAttentePurgeJob);
    expect(result.status).toBe("succeeded");
    expect(result.counts.prenoms).toBeGreaterThanOrEqual(2);
    const prenomOf = async (entry: { id: string }) =>
      (
        await db()
          .select({ prenom: fileAttente.prenom, ticket: fileAttente.ticket })
          .from(fileAttente)
          .where(eq(fileAttente.id, entry.id))
      )[0];
    expect(await prenomOf(yesterday)).toEqual({ prenom: null, ticket: 1 });
    expect(await prenomOf(lateYesterday)).toEqual({ prenom: null, ticket: 2 });
    expect(await prenomOf(today)).toEqual({ prenom: "Lou", ticket: 1 });
    const runs = await db().select().from(jobRuns).where(eq(jobRuns.job, fileAttentePurgeJob.name));
    expect(runs.map((run) => [run.status, run.dryRun])).toContainEqual(["succeeded", false]);
    expect((await runJob(fileAttentePurgeJob)).counts.prenoms).toBe(0);
  });
});
