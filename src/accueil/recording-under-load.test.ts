import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../acces/actor.server";
import { shedReportWork } from "../platform/report-shedding.server";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { passageSchema } from "./accueil.schema";
import { recordPassage } from "./record-passage.server";

/**
 * ADR 022: when the report capacity is taken, another report is refused at once with a French
 * « réessayez dans un instant » (503, Retry-After), while a recording goes through.
 */
let base = "";
let close: () => void = () => undefined;
let finishReport: () => void = () => undefined;
let reportStarted: Promise<void>;
let actor: Actor;

beforeAll(async () => {
  actor = await testActor((await createTestUser([{ role: "agent", structureId: await createTestStructure() }])).userId);
  const app = express();
  app.use(shedReportWork({ concurrency: 1, queue: 0, maxWaitMs: 0 }));
  let started: () => void = () => undefined;
  reportStarted = new Promise((resolve) => {
    started = resolve;
  });
  app.get("/pilotage/structures/:id", (_req, res) => {
    started();
    new Promise<void>((resolve) => {
      finishReport = resolve;
    }).then(() => res.send("tableau de bord"));
  });
  app.get("/api/v1/reports", (_req, res) => void res.json({ ok: true }));
  app.post("/accueil", (_req, res, next) => {
    recordPassage(
      actor,
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
    ).then((passage) => res.redirect(303, `/accueil?enregistre=${passage.id}`), next);
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => close());

describe("report work under overload", () => {
  it("refuses a report with 503 and « réessayez dans un instant » while the capacity is taken, and a recording still succeeds", async () => {
    const running = fetch(`${base}/pilotage/structures/a`);
    await reportStarted;

    const refused = await fetch(`${base}/pilotage/structures/b`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(refused.headers.get("content-type")).toContain("text/html");
    const page = await refused.text();
    expect(page).toContain("Réessayez dans un instant");
    expect(page).toContain("Guichet est très sollicité en ce moment");

    const api = await fetch(`${base}/api/v1/reports`);
    expect(api.status).toBe(503);
    expect((await api.json()).error).toMatchObject({ code: "server.busy" });

    const recording = await fetch(`${base}/accueil`, { method: "POST", redirect: "manual" });
    expect(recording.status).toBe(303);
    expect(recording.headers.get("location")).toMatch(/^\/accueil\?enregistre=[0-9a-f-]{36}$/);

    finishReport();
    expect(await (await running).text()).toBe("tableau de bord");
    // The slot is free again.
    expect((await fetch(`${base}/api/v1/reports`)).status).toBe(200);
  });
});
