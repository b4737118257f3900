import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/auth/api-tokens.server";
import { db } from "../../src/db/client.server";
import { partenairesLocaux, structures } from "../../src/db/schema";
import {
  anonymousRequest,
  createTestStructure,
  createTestUser,
  formBody,
  sessionRequest,
} from "../../src/test/factories";
import * as apiStructures from "./api.v1.structures";
import * as partenaires from "./partenaires";
import * as list from "./structures";
import * as detail from "./structures.$id";
import * as modifier from "./structures.$id.modifier";
import * as nouvelle from "./structures.nouvelle";

type DataWithInit = {
  type: "DataWithResponseInit";
  data: {
    lastResult: { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };
  };
  init: { status: number };
};

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "" } }) as never;

async function thrown(call: () => Promise<unknown>): Promise<Response> {
  try {
    await call();
  } catch (error) {
    if (error instanceof Response) return error;
    if (typeof error === "object" && error && (error as { type?: string }).type === "DataWithResponseInit") {
      const init = (error as unknown as DataWithInit).init;
      return new Response(null, { status: init.status });
    }
    throw error;
  }
  throw new Error("expected a thrown response");
}

const VALID = {
  nom: "France Services de Bitche",
  label: "france_services",
  format: "fixe",
  gestionnaireType: "commune",
  gestionnaireNom: "Ville de Bitche",
  adresse: "4 rue du Maréchal Foch",
  codePostal: "57230",
  communeInsee: "57089",
  statut: "ouverte",
};

let coordinateur: string;
let coordinateurEmail: string;
let agent: string;
let referent: string;
let own57: string;
let other92: string;

beforeAll(async () => {
  ({ userId: coordinateur, email: coordinateurEmail } = await createTestUser([
    { role: "coordinateur", departement: "57" },
  ]));
  own57 = await createTestStructure({
    nom: "Structure mosellane",
    departement: "57",
    communeInsee: "57631",
    codePostal: "57200",
  });
  other92 = await createTestStructure({ nom: "Structure altoséquanaise" });
  agent = (await createTestUser([{ role: "agent", structureId: own57 }])).userId;
  referent = (await createTestUser([{ role: "referent", partnerKey: "caf", departement: "57" }])).userId;
});

const post = (userId: string, path: string, values: Record<string, string>) =>
  sessionRequest(userId, path, {
    method: "POST",
    body: formBody(values),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

describe("structure pages", () => {
  it("lists only the agent's structures, and shows the add button to coordinateurs only", async () => {
    const asAgent = await list.loader(args(await sessionRequest(agent, "/structures")));
    expect(asAgent.structures.map((s) => s.id)).toEqual([own57]);
    expect(asAgent.structures[0]).toMatchObject({ communeNom: "Sarreguemines", departementLabel: "57 — Moselle" });
    expect(asAgent.canWrite).toBe(false);
    const asCoordinateur = await list.loader(
      args(await sessionRequest(coordinateur, "/structures?q=mosellane&label=inconnu")),
    );
    expect(asCoordinateur.canWrite).toBe(true);
    expect(asCoordinateur.filters).toEqual({ q: "mosellane" });
    expect(asCoordinateur.structures.map((s) => s.id)).toEqual([own57]);
  });

  it("answers 403 to referents on every structure page", async () => {
    expect((await thrown(async () => list.loader(args(await sessionRequest(referent, "/structures"))))).status).toBe(
      403,
    );
    expect(
      (
        await thrown(async () =>
          detail.loader(args(await sessionRequest(referent, `/structures/${own57}`), { id: own57 })),
        )
      ).status,
    ).toBe(403);
    expect(
      (await thrown(async () => nouvelle.loader(args(await sessionRequest(referent, "/structures/nouvelle"))))).status,
    ).toBe(403);
  });

  it("answers 404 for a structure out of scope or a malformed id", async () => {
    expect(
      (
        await thrown(async () =>
          detail.loader(args(await sessionRequest(agent, `/structures/${other92}`), { id: other92 })),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await thrown(async () =>
          detail.loader(args(await sessionRequest(coordinateur, "/structures/abc"), { id: "abc" })),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await thrown(async () =>
          modifier.loader(args(await sessionRequest(coordinateur, `/structures/${other92}/modifier`), { id: other92 })),
        )
      ).status,
    ).toBe(404);
  });

  it("returns 400 with the typed values and French field messages on bad input", async () => {
    const typed = { ...VALID, nom: "X", communeInsee: "abc", telephone: "12", dateOuverture: "2023-02-30" };
    const result = (await nouvelle.action(
      args(await post(coordinateur, "/structures/nouvelle", typed)),
    )) as unknown as DataWithInit;
    expect(result.init.status).toBe(400);
    expect(result.data.lastResult.initialValue).toMatchObject({
      nom: "X",
      communeInsee: "abc",
      telephone: "12",
      adresse: VALID.adresse,
    });
    expect(result.data.lastResult.error).toMatchObject({
      nom: ["Le nom doit contenir au moins 3 caractères."],
      communeInsee: ["Le code INSEE comporte 5 caractères, par exemple 92032."],
      telephone: ["Saisissez un numéro de téléphone français, par exemple 01 23 45 67 89."],
      dateOuverture: ["Cette date n’existe pas."],
    });
  });

  it("turns domain errors into field errors and keeps the values", async () => {
    const unknown = (await nouvelle.action(
      args(await post(coordinateur, "/structures/nouvelle", { ...VALID, communeInsee: "57999" })),
    )) as unknown as DataWithInit;
    expect(unknown.init.status).toBe(400);
    expect(unknown.data.lastResult.error).toEqual({ communeInsee: ["Code commune INSEE inconnu."] });
    expect(unknown.data.lastResult.initialValue).toMatchObject({ nom: VALID.nom, communeInsee: "57999" });
    const outside = (await nouvelle.action(
      args(await post(coordinateur, "/structures/nouvelle", { ...VALID, communeInsee: "92032" })),
    )) as unknown as DataWithInit;
    expect(outside.init.status).toBe(403);
    expect(outside.data.lastResult.error).toEqual({ communeInsee: ["Cette commune est hors de vos départements."] });
    const antenne = (await nouvelle.action(
      args(await post(coordinateur, "/structures/nouvelle", { ...VALID, format: "antenne" })),
    )) as unknown as DataWithInit;
    expect(antenne.data.lastResult.error).toEqual({
      parentStructureId: ["Une antenne doit être rattachée à une structure principale."],
    });
  });

  it("creates, shows the resolved commune after save, then edits", async () => {
    const response = (await nouvelle.action(
      args(await post(coordinateur, "/structures/nouvelle", { ...VALID, dateLabellisation: "2022-04-29" })),
    )) as Response;
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/^\/structures\/[0-9a-f-]{36}\?enregistre=1$/);
    const id = location.split("/")[2].split("?")[0];
    const shown = await detail.loader(args(await sessionRequest(coordinateur, location), { id }));
    expect(shown).toMatchObject({ saved: true, canWrite: true, team: [] });
    expect(shown.structure).toMatchObject({
      communeNom: "Bitche",
      departement: "57 — Moselle",
      dateLabellisation: "2022-04-29",
    });

    const form = await modifier.loader(args(await sessionRequest(coordinateur, `/structures/${id}/modifier`), { id }));
    expect(form.defaults).toMatchObject({
      nom: VALID.nom,
      communeInsee: "57089",
      dateLabellisation: "2022-04-29",
      statut: "ouverte",
    });
    if (form.contactsOnly) throw new Error("the coordinateur gets the whole structure form");
    expect(form.parents.map((p) => p.value)).not.toContain(id);
    const saved = await modifier.action(
      args(
        await post(coordinateur, `/structures/${id}/modifier`, { ...VALID, nom: "France Services du Pays de Bitche" }),
        { id },
      ),
    );
    expect((saved as Response).status).toBe(302);
    const [row] = await db().select().from(structures).where(eq(structures.id, id));
    expect(row.nom).toBe("France Services du Pays de Bitche");
  });

  it("renders the detail with French labels, dates and the saved commune", async () => {
    const loaderData = await detail.loader(
      args(await sessionRequest(coordinateur, `/structures/${own57}?enregistre=1`), { id: own57 }),
    );
    loaderData.structure.dateOuverture = "2024-03-01";
    loaderData.structure.dateLabellisation = "2022-04-29";
    const html = renderToStaticMarkup(createElement(detail.default, { loaderData } as never));
    expect(html).toContain("<h1>Structure mosellane</h1>");
    expect(html).toContain(
      "La structure a été enregistrée. Commune : Sarreguemines (code INSEE 57631), département 57 — Moselle.",
    );
    expect(html).toContain("1er mars 2024");
    expect(html).toContain("29 avril 2022");
    expect(html).toContain("<caption>Fiche de la structure</caption>");
    expect(html).toContain(`href="/structures/${own57}/modifier"`);
  });

  it("hides the team from agents and shows it to responsables", async () => {
    const asAgent = await detail.loader(args(await sessionRequest(agent, `/structures/${own57}`), { id: own57 }));
    expect(asAgent.team).toBeNull();
    expect(asAgent.canWrite).toBe(false);
    const responsable = (await createTestUser([{ role: "responsable", structureId: own57 }])).userId;
    const asResponsable = await detail.loader(
      args(await sessionRequest(responsable, `/structures/${own57}`), { id: own57 }),
    );
    expect(asResponsable.team?.map((m) => m.role).sort()).toEqual(["agent", "responsable"]);
    expect(JSON.stringify(asResponsable.team)).not.toContain("@");
  });
  it("the responsable edits her own structure's public contacts, and nothing else; not another structure's", async () => {
    const responsable = (await createTestUser([{ role: "responsable", structureId: own57 }])).userId;
    const asResponsable = await detail.loader(
      args(await sessionRequest(responsable, `/structures/${own57}`), { id: own57 }),
    );
    expect(asResponsable.canWriteContacts).toBe(true);
    const form = await modifier.loader(
      args(await sessionRequest(responsable, `/structures/${own57}/modifier`), { id: own57 }),
    );
    expect(form.contactsOnly).toBe(true);
    const bad = (await modifier.action(
      args(await post(responsable, `/structures/${own57}/modifier`, { telephone: "12", email: "" }), { id: own57 }),
    )) as unknown as DataWithInit;
    expect(bad.init.status).toBe(400);
    expect(bad.data.lastResult.error?.telephone).toEqual([
      "Saisissez un numéro de téléphone français, par exemple 01 23 45 67 89.",
    ]);
    const saved = (await modifier.action(
      args(
        await post(responsable, `/structures/${own57}/modifier`, {
          telephone: "03 87 00 00 00",
          email: "accueil@sarreguemines.example",
          nom: "Renommée par la responsable",
        }),
        { id: own57 },
      ),
    )) as Response;
    expect(saved.headers.get("location")).toBe(`/structures/${own57}?enregistre=1`);
    const [row] = await db().select().from(structures).where(eq(structures.id, own57));
    expect(row).toMatchObject({ telephone: "03 87 00 00 00", email: "accueil@sarreguemines.example" });
    expect(row.nom).toBe("Structure mosellane");
    // An agent of the structure, and the responsable on another structure: refused.
    expect(
      (
        await thrown(async () =>
          modifier.loader(args(await sessionRequest(agent, `/structures/${own57}/modifier`), { id: own57 })),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await thrown(async () =>
          modifier.loader(args(await sessionRequest(responsable, `/structures/${other92}/modifier`), { id: other92 })),
        )
      ).status,
    ).toBe(404);
  });
});

describe("partenaires page", () => {
  it("shows the bouquet's partners to everyone and lets a coordinateur add a local partner", async () => {
    const asReferent = await partenaires.loader(args(await sessionRequest(referent, "/partenaires")));
    expect(asReferent.canAdd).toBe(false);
    expect(asReferent.nationaux.length).toBeGreaterThan(8);
    const asCoordinateur = await partenaires.loader(args(await sessionRequest(coordinateur, "/partenaires")));
    expect(asCoordinateur.departements).toEqual([{ value: "57", label: "57 — Moselle" }]);

    const bad = (await partenaires.action(
      args(await post(coordinateur, "/partenaires", { nom: "", departement: "57" })),
    )) as unknown as DataWithInit;
    expect(bad.init.status).toBe(400);
    expect(bad.data.lastResult.error).toMatchObject({ nom: ["Saisissez le nom du partenaire."] });
    const outside = (await partenaires.action(
      args(await post(coordinateur, "/partenaires", { nom: "Hors zone", departement: "92" })),
    )) as unknown as DataWithInit;
    expect(outside.data.lastResult.error).toEqual({
      departement: ["Vous ne pouvez ajouter un partenaire local que dans vos départements."],
    });

    const ok = await partenaires.action(
      args(await post(coordinateur, "/partenaires", { nom: "Point conseil budget de test", departement: "57" })),
    );
    expect((ok as Response).status).toBe(302);
    const [row] = await db()
      .select()
      .from(partenairesLocaux)
      .where(eq(partenairesLocaux.nom, "Point conseil budget de test"));
    expect(row.departement).toBe("57");
    const after = await partenaires.loader(args(await sessionRequest(referent, "/partenaires")));
    expect(after.locaux.map((p) => p.nom)).toContain("Point conseil budget de test");
  });
});

describe("API /api/v1/structures", () => {
  let token: string;
  beforeAll(async () => {
    token = (await createApiToken({ email: coordinateurEmail, name: "tests structures" })).token;
  });

  const apiRequest = (init: RequestInit = {}, bearer: string | null = token, path = "/api/v1/structures") => {
    const headers = new Headers(init.headers);
    if (bearer) headers.set("authorization", `Bearer ${bearer}`);
    return anonymousRequest(path, { ...init, headers });
  };
  const postJson = (body: string) =>
    apiRequest({ method: "POST", body, headers: { "content-type": "application/json" } });

  it("lists the caller's structures as JSON, and answers 401 without a token", async () => {
    const response = await apiStructures.loader(args(apiRequest({}, token, "/api/v1/structures?departement=57")));
    const body = (await response.json()) as {
      structures: Array<{ id: string; commune: string | null; departement: string }>;
    };
    expect(body.structures.map((s) => s.id)).toContain(own57);
    expect(body.structures.map((s) => s.id)).not.toContain(other92);
    expect(body.structures.find((s) => s.id === own57)?.commune).toBe("Sarreguemines");
    const anonymous = await thrown(async () => apiStructures.loader(args(apiRequest({}, null))));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "auth.invalid_api_token" } });
  });

  it("rejects invalid JSON and non-object bodies with a JSON 400, never a 500", async () => {
    for (const body of ["{pas du json", "", "[1,2]", "null", "42", '"texte"']) {
      const response = await apiStructures.action(args(postJson(body)));
      expect(response.status, body).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: "api.invalid_json", message: "Le corps de la requête doit être un objet JSON valide." },
      });
    }
  });

  it("answers wrong types with French messages per field", async () => {
    const response = await apiStructures.action(
      args(
        postJson(
          JSON.stringify({
            nom: 12,
            label: true,
            format: ["fixe"],
            gestionnaireType: null,
            communeInsee: {},
            telephone: 3,
            email: 4,
            dateOuverture: 5,
            complementAdresse: 6,
          }),
        ),
      ),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; message: string; fields: Record<string, string[]> };
    };
    expect(body.error.code).toBe("validation.failed");
    expect(body.error.message).toBe("Certaines informations sont invalides.");
    expect(body.error.fields).toMatchObject({
      nom: ["Saisissez le nom de la structure."],
      label: ["Choisissez le label."],
      format: ["Choisissez le format."],
      gestionnaireType: ["Choisissez le type de gestionnaire."],
      communeInsee: ["Saisissez le code INSEE de la commune."],
      adresse: ["Saisissez l’adresse."],
      email: ["Saisissez une adresse électronique valide."],
      dateOuverture: ["Saisissez une date au format JJ/MM/AAAA."],
    });
    for (const messages of Object.values(body.error.fields))
      for (const message of messages) expect(message).not.toMatch(/Invalid|expected/);
  });

  it("creates with 201, and reports domain errors on their field", async () => {
    const created = await apiStructures.action(
      args(postJson(JSON.stringify({ ...VALID, nom: "Créée par l’API", telephone: null, email: null }))),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const [row] = await db().select().from(structures).where(eq(structures.id, id));
    expect(row).toMatchObject({ nom: "Créée par l’API", departement: "57", telephone: null });
    const outside = await apiStructures.action(args(postJson(JSON.stringify({ ...VALID, communeInsee: "92032" }))));
    expect(outside.status).toBe(403);
    expect(await outside.json()).toEqual({
      error: {
        code: "structure.scope_forbidden",
        message: "Cette commune est hors de vos départements.",
        fields: { communeInsee: ["Cette commune est hors de vos départements."] },
      },
    });
  });

  it("refuses other methods and agents", async () => {
    expect((await apiStructures.action(args(apiRequest({ method: "DELETE" })))).status).toBe(405);
    const agentToken = (
      await createApiToken({
        email: (await createTestUser([{ role: "agent", structureId: own57 }])).email,
        name: "agent",
      })
    ).token;
    const asAgent = await thrown(async () =>
      apiStructures.action(args(apiRequest({ method: "POST", body: JSON.stringify(VALID) }, agentToken))),
    );
    expect(asAgent.status).toBe(403);
    expect(await asAgent.json()).toMatchObject({ error: { code: "auth.forbidden" } });
  });
});
