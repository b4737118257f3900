import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { registerArrival } from "../../src/accueil/file-attente-arrivals.server";
import { createTestStructure, createTestUser, formBody, sessionRequest, testActor } from "../../src/test/factories";
import * as fileAttente from "./accueil.file-attente";
import * as journee from "./accueil.journee";
import * as ecran from "./s.$structure.ecran";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "" } }) as never;
type DataWithInit<T = unknown> = { type: "DataWithResponseInit"; data: T; init: { status?: number } | null };

async function outcome(
  call: () => Promise<unknown>,
): Promise<{ status: number; location: string | null; data: unknown }> {
  try {
    const result = await call();
    if (result instanceof Response)
      return { status: result.status, location: result.headers.get("location"), data: null };
    if ((result as DataWithInit)?.type === "DataWithResponseInit")
      return {
        status: (result as DataWithInit).init?.status ?? 200,
        location: null,
        data: (result as DataWithInit).data,
      };
    return { status: 200, location: null, data: result };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("location"), data: null };
    if ((error as DataWithInit)?.type === "DataWithResponseInit")
      return {
        status: (error as DataWithInit).init?.status ?? 500,
        location: null,
        data: (error as DataWithInit).data,
      };
    throw error;
  }
}

function render(Component: ComponentType<never>, path: string, loaderData: unknown, actionData?: unknown): string {
  const Stub = createRoutesStub([
    {
      id: "page",
      path: path.split("?")[0],
      Component: Component as ComponentType,
      loader: () => null,
      action: () => null,
    },
  ]);
  return renderToString(
    <Stub
      initialEntries={[path]}
      hydrationData={{ loaderData: { page: loaderData }, ...(actionData ? { actionData: { page: actionData } } : {}) }}
    />,
  ).replace(/<!-- -->/g, "");
}

const post = (userId: string, values: Record<string, string>) =>
  sessionRequest(userId, "/accueil/file-attente", {
    method: "POST",
    body: formBody(values),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

let structureId: string;
let inactiveStructure: string;
let agent: string;
let responsable: string;
let foreignAgent: string;
let referent: string;
let inactiveResponsable: string;

beforeAll(async () => {
  structureId = await createTestStructure({ fileAttenteActive: true });
  inactiveStructure = await createTestStructure();
  agent = (await createTestUser([{ role: "agent", structureId }])).userId;
  responsable = (await createTestUser([{ role: "responsable", structureId }])).userId;
  foreignAgent = (await createTestUser([{ role: "agent", structureId: inactiveStructure }])).userId;
  inactiveResponsable = (await createTestUser([{ role: "responsable", structureId: inactiveStructure }])).userId;
  referent = (await createTestUser([{ role: "referent", partnerKey: "caf", departement: "92" }])).userId;
});

describe("the waiting-list page", () => {
  it("registers a ticket, then a first name (the name never goes into the address)", async () => {
    const ticket = await outcome(async () => fileAttente.action(args(await post(agent, { intent: "ticket" }))));
    expect(ticket.status).toBe(302);
    expect(ticket.location).toMatch(/^\/accueil\/file-attente\?motif=ticket&ticket=\d+$/);
    const named = await outcome(async () =>
      fileAttente.action(args(await post(agent, { intent: "prenom", prenom: "Dominique" }))),
    );
    expect(named.location).toMatch(/^\/accueil\/file-attente\?motif=prenom&ticket=\d+$/);
    expect(named.location).not.toContain("Dominique");
    const page = await fileAttente.loader(args(await sessionRequest(agent, named.location!)));
    expect(page.waiting.map((entry) => entry.prenom)).toContain("Dominique");
    expect(page.notice).toMatch(/^Arrivée enregistrée avec le prénom \(ticket n° \d+\)\.$/);
  });

  it("answers 400 with the typed value and a French message for a first name too long", async () => {
    const long = "Marie-Bérénice-Clothilde-Anne-Sophie-Éléonore";
    const result = await outcome(async () =>
      fileAttente.action(args(await post(agent, { intent: "prenom", prenom: long }))),
    );
    expect(result.status).toBe(400);
    const reply = (
      result.data as { lastResult: { initialValue: Record<string, unknown>; error: Record<string, string[]> } }
    ).lastResult;
    expect(reply.initialValue.prenom).toBe(long);
    expect(reply.error.prenom).toEqual(["40 caractères au maximum."]);
  });

  it("calls the next person and takes the agent to the accueil form with the waiting-list entry", async () => {
    const waitingStructure = await createTestStructure({ fileAttenteActive: true });
    const caller = (await createTestUser([{ role: "agent", structureId: waitingStructure }])).userId;
    const empty = await outcome(async () => fileAttente.action(args(await post(caller, { intent: "appeler" }))));
    expect(empty.location).toBe("/accueil/file-attente?motif=personne");
    const arrival = await registerArrival(await testActor(caller));
    const called = await outcome(async () => fileAttente.action(args(await post(caller, { intent: "appeler" }))));
    expect(called.location).toBe(`/accueil?fileAttente=${arrival.id}`);
  });

  it("refuses the switch to an agent, lets the responsable use it, and explains an inactive list", async () => {
    const refused = await outcome(async () =>
      fileAttente.action(args(await post(agent, { intent: "configurer", active: "non" }))),
    );
    expect(refused.status).toBe(403);
    expect(refused.data).toMatchObject({ error: expect.stringContaining("responsable") });
    const inactive = await fileAttente.loader(args(await sessionRequest(foreignAgent, "/accueil/file-attente")));
    expect(inactive.structure).toMatchObject({ active: false, canConfigure: false });
    const html = render(fileAttente.default as never, "/accueil/file-attente", inactive);
    expect(html).toContain("La file d’attente n’est pas activée");
    expect(html).not.toContain("Activer la file d’attente");
    const on = await outcome(async () =>
      fileAttente.action(args(await post(inactiveResponsable, { intent: "configurer", active: "oui" }))),
    );
    expect(on.location).toBe("/accueil/file-attente?motif=activee");
    const arrival = await outcome(async () => fileAttente.action(args(await post(foreignAgent, { intent: "ticket" }))));
    expect(arrival.location).toMatch(/motif=ticket&ticket=1$/);
    const off = await outcome(async () =>
      fileAttente.action(args(await post(inactiveResponsable, { intent: "configurer", active: "non" }))),
    );
    expect(off.location).toBe("/accueil/file-attente?motif=desactivee");
    const closed = await outcome(async () => fileAttente.action(args(await post(foreignAgent, { intent: "ticket" }))));
    expect(closed.status).toBe(409);
  });

  it("answers 4xx, never 500, to unknown intents and identifiers", async () => {
    expect((await outcome(async () => fileAttente.action(args(await post(agent, {}))))).status).toBe(400);
    expect(
      (await outcome(async () => fileAttente.action(args(await post(agent, { intent: "parti", id: "' or 1=1 --" })))))
        .status,
    ).toBe(404);
    expect(
      (
        await outcome(async () =>
          fileAttente.action(args(await post(agent, { intent: "configurer", active: "peut-être" }))),
        )
      ).status,
    ).toBe(400);
  });

  it("renders the list with its caption, the first-name warning and one h1", async () => {
    const loaderData = await fileAttente.loader(args(await sessionRequest(responsable, "/accueil/file-attente")));
    const html = render(fileAttente.default as never, "/accueil/file-attente", loaderData);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain("aucune autre information n’est demandée");
    expect(html).toMatch(/<caption>\d+ personnes? en attente/);
    expect(html).toContain("Appeler le suivant");
    expect(html).toContain("Désactiver la file d’attente");
    expect(html).toContain(`href="/s/${structureId}/ecran"`);
  });
});

describe("the waiting-room screen", () => {
  it("is served to the structure's agent and responsable, with a no-script refresh and a live region", async () => {
    const asAgent = await ecran.loader(
      args(await sessionRequest(agent, `/s/${structureId}/ecran`), { structure: structureId }),
    );
    expect(asAgent.board.structure.active).toBe(true);
    const asResponsable = await ecran.loader(
      args(await sessionRequest(responsable, `/s/${structureId}/ecran`), { structure: structureId }),
    );
    const html = render(ecran.default as never, `/s/${structureId}/ecran`, asResponsable);
    expect(html).toMatch(/<noscript><meta http-equiv="refresh" content="15"\/?><\/noscript>/);
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain(asResponsable.board.heure);
  });

  it("refuses another structure's agent (404) and other roles (403)", async () => {
    const foreign = await outcome(async () =>
      ecran.loader(args(await sessionRequest(foreignAgent, `/s/${structureId}/ecran`), { structure: structureId })),
    );
    expect(foreign.status).toBe(404);
    const malformed = await outcome(async () =>
      ecran.loader(args(await sessionRequest(agent, "/s/n-importe-quoi/ecran"), { structure: "n-importe-quoi" })),
    );
    expect(malformed.status).toBe(404);
    const other = await outcome(async () =>
      ecran.loader(args(await sessionRequest(referent, `/s/${structureId}/ecran`), { structure: structureId })),
    );
    expect(other.status).toBe(403);
  });

  it("shows the last call with its invitation", () => {
    const html = render(ecran.default as never, `/s/${structureId}/ecran`, {
      board: {
        structure: { id: structureId, nom: "France Services de test", active: true },
        calls: [
          { id: "a", ticket: 12, prenom: null, calledAt: "10:12" },
          { id: "b", ticket: 11, prenom: "Lou", calledAt: "10:05" },
        ],
        waiting: 3,
        heure: "10:13",
      },
    });
    expect(html).toContain('Ticket 12 <span class="fr-h1">— veuillez vous présenter à l’accueil</span>');
    expect(html).toContain("Lou — veuillez vous présenter à l’accueil");
    expect(html).toContain("3 personnes en attente");
  });
});

describe("the day view page", () => {
  it("answers 400 with a French message for an invalid or future date, and shows today", async () => {
    for (const date of ["2026-02-30", "demain", "2999-01-01"]) {
      const result = await outcome(async () =>
        journee.loader(args(await sessionRequest(agent, `/accueil/journee?date=${date}`))),
      );
      expect(result.status).toBe(400);
      expect(result.data).toMatchObject({ dateError: expect.stringContaining("Date invalide"), requested: date });
    }
  });

  it("renders the tables with captions and the navigation between days", async () => {
    const result = await outcome(async () =>
      journee.loader(args(await sessionRequest(responsable, "/accueil/journee?date=2026-03-10"))),
    );
    expect(result.status).toBe(200);
    const html = render(journee.default as never, "/accueil/journee", result.data);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain("Journée du mardi 10 mars 2026");
    expect(html).toContain('href="/accueil/journee?date=2026-03-09"');
    expect(html).toContain('href="/accueil/journee?date=2026-03-11"');
    expect(html).toContain('<label class="fr-label" for="journee-date">');
    expect(html).toContain("Aucun passage n’est enregistré ce jour-là.");
  });
});
