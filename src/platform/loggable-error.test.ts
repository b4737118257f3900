import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { ServerBuild } from "react-router";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { handleError } from "../../app/entry.server";
import { db, type Queryable } from "../db/client.server";
import { jobRuns, usagers } from "../db/schema";
import { captureLogs } from "../test/capture-logs";
import { createApiDispatcher } from "./api-dispatch.server";
import { runJob } from "./jobs.server";
import { loggableError, loggableMessage } from "./loggable-error";

// Personal data an agent would type for an usager: none of it may reach a log line.
const PERSONAL = ["Quenouille", "Zazie", "1950-03-04", "0612345678", "zazie.quenouille@example.org"];

/** A real database refusal whose parameters hold personal data (the structure does not exist). */
async function failingInsert(q: Queryable = db()): Promise<never> {
  await q.insert(usagers).values({
    structureId: randomUUID(),
    nom: "Quenouille",
    prenom: "Zazie",
    nomRecherche: "quenouille zazie",
    dateNaissance: "1950-03-04",
    telephone: "0612345678",
    email: "zazie.quenouille@example.org",
    noticeRemiseAt: new Date(),
  });
  throw new Error("the insert should have been refused");
}

async function theError(): Promise<unknown> {
  return failingInsert().catch((error: unknown) => error);
}

function expectNoPersonalData(text: string) {
  for (const value of PERSONAL) expect(text, `the log holds ${value}`).not.toContain(value);
}

let capture: ReturnType<typeof captureLogs> | null = null;
afterEach(() => capture?.restore());

describe("loggableError", () => {
  it("describes a database refusal by SQLSTATE and constraint, never by the values it quotes", async () => {
    const error = await theError();
    expect(String((error as Error).message) + String((error as Error).cause)).toContain("Quenouille");
    const described = loggableError(error);
    expect(described).toEqual({ type: "database", code: "23503", constraint: "usagers_structure_id_structures_id_fk" });
    expect(loggableMessage(error)).toBe("erreur de base de données 23503 (usagers_structure_id_structures_id_fk)");
  });

  it("drops the message of a failed query without SQLSTATE, and the first line of every stack", () => {
    const query = new Error('Failed query: insert into "usagers" ("nom") values ($1)\nparams: Quenouille');
    const described = loggableError(query);
    expectNoPersonalData(JSON.stringify(described));
    expect(described.message).toBeUndefined();
    const wrapped = new Error("outer", { cause: query });
    expect(loggableError(wrapped).message).toBeUndefined();
    expect(loggableError(new TypeError("x is undefined"))).toMatchObject({
      type: "TypeError",
      message: "x is undefined",
    });
  });
});

describe("every place that logs an error", () => {
  it("the API dispatcher logs a failed handler without the query's parameters", async () => {
    const build = {
      routes: { failing: { id: "failing", path: "api/v1/echec", module: { action: () => failingInsert() } } },
    } as unknown as ServerBuild;
    capture = captureLogs();
    const response = await createApiDispatcher(build)(
      new Request("http://localhost/api/v1/echec", { method: "POST" }),
      "/api/v1/echec",
      {},
    );
    expect(response?.status).toBe(500);
    const logged = capture.lines.join("");
    expect(logged).toContain('"code":"23503"');
    expectNoPersonalData(logged);
  });

  it("the pages' error handler logs the path and the SQLSTATE only", async () => {
    capture = captureLogs();
    const request = new Request("http://localhost/usagers/nouveau?nom=Quenouille", { method: "POST" });
    handleError(await theError(), { request, params: {}, context: {} as never });
    const logged = capture.lines.join("");
    expect(logged).toContain('"path":"/usagers/nouveau"');
    expect(logged).toContain('"code":"23503"');
    expectNoPersonalData(logged);
  });

  it("a failed job keeps neither in its log line nor in its journal the values of the query", async () => {
    capture = captureLogs();
    const job = {
      name: "test.echec",
      everyMinutes: 60,
      payload: z.object({}) as unknown as z.ZodType<Record<string, never>>,
      run: ({ tx }: { tx: Queryable }) => failingInsert(tx),
    };
    const result = await runJob(job);
    expect(result.status).toBe("failed");
    const [run] = await db().select().from(jobRuns).where(eq(jobRuns.job, "test.echec"));
    expectNoPersonalData(`${run.error} ${capture.lines.join("")}`);
    expect(run.error).toContain("23503");
  });
});
