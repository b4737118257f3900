import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE } from "../../src/acces/read-session.server";
import { createApiToken } from "../../src/auth/api-tokens.server";
import { createSession } from "../../src/auth/session.server";
import { db, queryRows } from "../../src/db/client.server";
import { partenairesLocaux } from "../../src/db/schema";
import { parisDay, parisInstant, shiftDay } from "../../src/platform/time";
import { anonymousRequest, createTestStructure, createTestUser } from "../../src/test/factories";
import { action, loader } from "./api.v1.passages";

const args = (request: Request) => ({ request, params: {}, context: { cspNonce: "" } }) as never;
/**
 * A Wednesday at 10:00 UTC a week or more from now: the test's clock runs ahead of the database's
 * (role assignments start on the database's today, so the test may not go back in time).
 */
const NOW = (() => {
  const at = new Date(Date.now() + 7 * 86_400_000);
  at.setUTCDate(at.getUTCDate() + ((3 - at.getUTCDay() + 7) % 7));
  at.setUTCHours(10, 0, 0, 0);
  return at;
})();
const TODAY = parisDay(NOW);

const demande = {
  partenaires: ["caf"],
  situations: ["allocation_logement"],
  aides: ["demarche_en_ligne"],
  autonomie: "partiellement",
  issue: "resolu_sur_place",
};

let structureId: string;
let otherStructure: string;
let agentId: string;
let colleagueId: string;
const tokens: Record<"agent" | "colleague" | "responsable" | "outsider" | "coordinateur", string> = {} as never;

async function tokenFor(email: string) {
  return (await createApiToken({ email, name: "test" })).token;
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  structureId = await createTestStructure({ departement: "57", communeInsee: "57631", codePostal: "57200" });
  otherStructure = await createTestStructure();
  const agent = await createTestUser([{ role: "agent", structureId }]);
  const colleague = await createTestUser([{ role: "agent", structureId }]);
  const responsable = await createTestUser([{ role: "responsable", structureId }]);
  const outsider = await createTestUser([{ role: "agent", structureId: otherStructure }]);
  const coordinateur = await createTestUser([{ role: "coordinateur", departement: "57" }]);
  agentId = agent.userId;
  colleagueId = colleague.userId;
  tokens.agent = await tokenFor(agent.email);
  tokens.colleague = await tokenFor(colleague.email);
  tokens.responsable = await tokenFor(responsable.email);
  tokens.outsider = await tokenFor(outsider.email);
  tokens.coordinateur = await tokenFor(coordinateur.email);
});

afterAll(() => {
  vi.useRealTimers();
});

function apiRequest(
  path: string,
  init: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string>; method?: string } = {},
): Request {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const hasBody = init.raw !== undefined || init.body !== undefined;
  if (hasBody) headers.set("content-type", "application/json");
  return anonymousRequest(path, {
    method: init.method ?? (hasBody ? "POST" : "GET"),
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
}

/** The fields these tests read from the API's JSON answers (each answer holds some of them). */
type ApiJson = {
  id: string;
  error: { code: string; message: string; fields: Record<string, string[]> };
  structureId: string;
  from: string;
  passages: Array<{
    id: string;
    agentId: string;
    debut: string;
    sollicitations: Array<{ precision: string | null; aides: string[] }>;
  }>;
  nextCursor: string | null;
};

async function post(token: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await action(args(apiRequest("/api/v1/passages", { token, body, headers })));
  return { status: response.status, json: (await response.json()) as ApiJson };
}

async function get(token: string | undefined, query = "") {
  try {
    const response = await loader(args(apiRequest(`/api/v1/passages${query}`, { token })));
    return { status: response.status, json: (await response.json()) as ApiJson };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, json: (await error.json()) as ApiJson };
    throw error;
  }
}

async function count(table: "passages" | "sollicitations"): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.raw(table)}`);
  return row.n;
}

describe("POST /api/v1/passages", () => {
  it("records a passage in the caller's current structure and answers 201 with its ids", async () => {
    const { status, json } = await post(tokens.agent, {
      canal: "telephone",
      sollicitations: [demande, { ...demande, partenaires: ["france_titres"], situations: ["papiers_identite"] }],
    });
    expect(status).toBe(201);
    expect(json).toEqual({
      id: expect.any(String),
      structureId,
      debut: NOW.toISOString(),
      sollicitations: [expect.any(String), expect.any(String)],
    });
  });

  it("answers a replayed Idempotency-Key with 200 and the first result, without a second row", async () => {
    const before = await count("passages");
    const body = { sollicitations: [demande] };
    const first = await post(tokens.agent, body, { "Idempotency-Key": "tablette-42-1" });
    const replay = await post(tokens.agent, body, { "Idempotency-Key": "tablette-42-1" });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(first.json);
    expect(await count("passages")).toBe(before + 1);
    // The same key from another agent is another passage.
    const other = await post(tokens.colleague, body, { "Idempotency-Key": "tablette-42-1" });
    expect(other.status).toBe(201);
    expect(other.json.id).not.toBe(first.json.id);
  });

  it("refuses with 422 an Idempotency-Key reused with another body, and records nothing", async () => {
    const key = { "Idempotency-Key": "tablette-42-autre-corps" };
    const first = await post(tokens.agent, { sollicitations: [demande] }, key);
    expect(first.status).toBe(201);
    const before = await count("passages");
    const other = await post(tokens.agent, { canal: "telephone", sollicitations: [demande] }, key);
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe("accueil.idempotency_conflict");
    expect(other.json.error.message).toBe("Cette clé d’idempotence a déjà servi pour un autre passage.");
    expect(await count("passages")).toBe(before);
  });

  it("refuses an Idempotency-Key that is empty, longer than 200 characters or not letters, digits, _ and -", async () => {
    for (const key of ["", "x".repeat(201), "tablette 42", "cle/1"]) {
      const { status, json } = await post(tokens.agent, { sollicitations: [demande] }, { "Idempotency-Key": key });
      expect(status).toBe(400);
      expect(json.error.code).toBe("api.idempotency_key_invalid");
    }
  });

  it("answers invalid input with 400 and one French message per field, writing nothing", async () => {
    const before = [await count("passages"), await count("sollicitations")];
    const cases: Array<[unknown, string, string]> = [
      [{}, "sollicitations", "Ajoutez au moins une demande."],
      [{ sollicitations: [] }, "sollicitations", "Ajoutez au moins une demande."],
      [{ canal: "pigeon", sollicitations: [demande] }, "canal", "Choisissez le canal."],
      [{ canal: 12, sollicitations: [demande] }, "canal", "Choisissez le canal."],
      [{ debut: "pas une date", sollicitations: [demande] }, "debut", "Date et heure invalides."],
      [
        { debut: new Date(NOW.getTime() + 2 * 3_600_000).toISOString(), sollicitations: [demande] },
        "debut",
        "Le passage ne peut pas commencer dans le futur.",
      ],
      [{ dureeMinutes: 1e12, sollicitations: [demande] }, "dureeMinutes", "La durée est de 480 minutes au plus."],
      [{ structureId: "pas-un-uuid", sollicitations: [demande] }, "structureId", "Structure inconnue."],
      [
        { canal: "courrier", equipements: ["scanner"], sollicitations: [demande] },
        "equipements",
        "Les équipements ne s’utilisent que sur place ou hors les murs.",
      ],
      [
        { sollicitations: Array.from({ length: 1000 }, () => demande) },
        "sollicitations",
        "20 demandes au plus par passage.",
      ],
      [{ sollicitations: "beaucoup" }, "sollicitations", "Ajoutez au moins une demande."],
    ];
    for (const [body, field, message] of cases) {
      const { status, json } = await post(tokens.agent, body);
      expect(status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(json.error.code).toBe("validation.failed");
      expect(json.error.message).toBe("Certaines informations sont invalides.");
      expect(json.error.fields[field]).toContain(message);
    }
    expect([await count("passages"), await count("sollicitations")]).toEqual(before);
  });

  it("refuses dates the database cannot hold or that coerce to 1970, and control characters in the précision", async () => {
    for (const debut of ["0000-01-01", "-271821-04-20T00:00:00.000Z", null, true, 0]) {
      const { status, json } = await post(tokens.agent, { debut, sollicitations: [demande] });
      expect(status, String(debut)).toBe(400);
      expect(json.error.fields.debut).toHaveLength(1);
    }
    const { status, json } = await post(tokens.agent, { sollicitations: [{ ...demande, precision: "a\u0000b" }] });
    expect(status).toBe(400);
    expect(json.error.code).toBe("api.nul_character");
  });

  it("says an impossible date does not exist, and never rolls it over", async () => {
    const before = await count("passages");
    const { status, json } = await post(tokens.agent, {
      debut: "2026-02-30T10:00:00+01:00",
      sollicitations: [demande],
    });
    expect(status).toBe(400);
    expect(json.error.fields.debut).toEqual(["Cette date n’existe pas."]);
    const loose = await post(tokens.agent, { debut: "Feb 1 2026", sollicitations: [demande] });
    expect(loose.json.error.fields.debut).toEqual(["Date et heure invalides."]);
    expect(await count("passages")).toBe(before);
  });

  it("answers invalid JSON, a non-object body and unknown local partners with 400", async () => {
    for (const raw of ["{", "[]", "null", '"texte"', ""]) {
      const response = await action(args(apiRequest("/api/v1/passages", { token: tokens.agent, raw })));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("api.invalid_json");
    }
    const unknownLocal = await post(tokens.agent, {
      sollicitations: [
        {
          ...demande,
          partenaires: [],
          partenairesLocaux: ["0b7e6a2c-59a4-4b8e-9c1f-2d3e4f5a6b7c"],
          situations: ["informations_jeunesse"],
        },
      ],
    });
    expect(unknownLocal.status).toBe(400);
    expect(unknownLocal.json.error).toMatchObject({
      code: "partner.unknown",
      fields: { partenairesLocaux: ["Partenaire inconnu."] },
    });
  });

  it("accepts a local partner of the structure's département", async () => {
    const [local] = await db()
      .insert(partenairesLocaux)
      .values({ nom: "Mission locale de test", departement: "57" })
      .returning({ id: partenairesLocaux.id });
    const { status } = await post(tokens.agent, {
      sollicitations: [
        { ...demande, partenaires: [], partenairesLocaux: [local.id], situations: ["informations_jeunesse"] },
      ],
    });
    expect(status).toBe(201);
  });

  it("refuses another structure (403), other roles (403) and anonymous callers (401)", async () => {
    const other = await post(tokens.agent, { structureId: otherStructure, sollicitations: [demande] });
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe("accueil.structure_forbidden");
    await expect(
      action(args(apiRequest("/api/v1/passages", { token: tokens.coordinateur, body: { sollicitations: [demande] } }))),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      action(args(apiRequest("/api/v1/passages", { body: { sollicitations: [demande] } }))),
    ).rejects.toMatchObject({ status: 401 });
    await expect(
      action(args(apiRequest("/api/v1/passages", { token: "gch_inconnu", body: { sollicitations: [demande] } }))),
    ).rejects.toMatchObject({ status: 401 });
  });

  it("refuses the session cookie alone with a French 401 and records nothing: the API takes bearer tokens only (ADR 004)", async () => {
    const before = await count("passages");
    const { token: session } = await createSession(agentId, true);
    const cookie = { cookie: `${SESSION_COOKIE}=${session}` };
    const refused = await action(
      args(apiRequest("/api/v1/passages", { body: { sollicitations: [demande] }, headers: cookie })),
    ).catch((error: unknown) => error as Response);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      error: { code: "auth.api_session_cookie", message: expect.stringContaining("jeton d’API") },
    });
    const read = await loader(args(apiRequest("/api/v1/passages", { headers: cookie }))).catch(
      (error: unknown) => error as Response,
    );
    expect(read.status).toBe(401);
    expect(await count("passages")).toBe(before);
    // The same session cookie next to a token: the token decides.
    expect((await post(tokens.agent, { sollicitations: [demande] }, cookie)).status).toBe(201);
  });

  it("answers 405 to other methods", async () => {
    const response = await action(args(apiRequest("/api/v1/passages", { token: tokens.agent, method: "DELETE" })));
    expect(response.status).toBe(405);
  });
});

describe("GET /api/v1/passages", () => {
  const day = shiftDay(TODAY, -2); // a Monday
  let own: string[];
  let colleagues: string;

  beforeAll(async () => {
    own = [];
    for (const [time, extra] of [
      ["09:10", { precision: "Dossier à compléter" }],
      ["08:40", { signalements: ["allophone", "non_recours"] }],
      ["14:00", {}],
    ] as const) {
      const { json } = await post(tokens.agent, {
        debut: `${day}T${time}:00+02:00`,
        canal: "accueil_physique",
        equipements: ["imprimante"],
        sollicitations: [{ ...demande, ...extra }],
      });
      own.push(json.id);
    }
    colleagues = (
      await post(tokens.colleague, {
        debut: `${day}T10:00:00+02:00`,
        sollicitations: [
          { ...demande, precision: "Note de la collègue" },
          {
            ...demande,
            partenaires: ["dgfip"],
            situations: ["declarer_impots"],
            aides: ["information", "dossier_administratif"],
          },
        ],
      })
    ).json.id;
    // Another day, and a deleted passage: neither is listed for the day.
    await post(tokens.agent, { debut: `${shiftDay(day, 1)}T09:00:00+02:00`, sollicitations: [demande] });
    const deleted = (await post(tokens.agent, { debut: `${day}T11:00:00+02:00`, sollicitations: [demande] })).json.id;
    await db().execute(
      sql`update passages set deleted_at = now(), deleted_by = ${agentId}, deletion_reason = 'doublon' where id = ${deleted}`,
    );
  });

  it("lists an agent's own passages of the day, ordered by start, with their sollicitations", async () => {
    const { status, json } = await get(tokens.agent, `?from=${day}&to=${day}`);
    expect(status).toBe(200);
    expect(json.structureId).toBe(structureId);
    expect(json.passages.map((p: { id: string }) => p.id)).toEqual([own[1], own[0], own[2]]);
    expect(json.passages[0]).toMatchObject({
      agentId,
      debut: new Date(`${day}T08:40:00+02:00`).toISOString(),
      canal: "accueil_physique",
      equipements: ["imprimante"],
      sollicitations: [
        {
          position: 1,
          partenaires: ["caf"],
          partenairesLocaux: [],
          situations: ["allocation_logement"],
          aides: ["demarche_en_ligne"],
          autonomie: "partiellement",
          issue: "resolu_sur_place",
          signalements: ["non_recours", "allophone"],
        },
      ],
    });
    expect(json.passages[1].sollicitations[0].precision).toBe("Dossier à compléter");
    expect(json.nextCursor).toBeNull();
  });

  it("lists all of the structure's passages for the responsable, with the précision", async () => {
    const { json } = await get(tokens.responsable, `?structure=${structureId}&from=${day}&to=${day}`);
    expect(json.passages.map((p: { id: string }) => p.id)).toEqual([own[1], own[0], colleagues, own[2]]);
    const colleague = json.passages[2];
    expect(colleague.agentId).toBe(colleagueId);
    expect(colleague.sollicitations.map((s: { precision: string | null }) => s.precision)).toEqual([
      "Note de la collègue",
      null,
    ]);
    expect(colleague.sollicitations[1].aides).toEqual(["dossier_administratif", "information"]);
  });

  it("defaults to today, and pages with a cursor or an offset", async () => {
    const today = await get(tokens.agent);
    expect(today.json.from).toBe(parisInstant(TODAY).toISOString());
    expect(today.json.passages.length).toBeGreaterThan(0);
    expect(today.json.passages.every((p: { debut: string }) => parisDay(new Date(p.debut)) === TODAY)).toBe(true);

    const first = await get(tokens.responsable, `?from=${day}&to=${day}&limit=3`);
    expect(first.json.passages).toHaveLength(3);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await get(tokens.responsable, `?from=${day}&to=${day}&limit=3&cursor=${first.json.nextCursor}`);
    expect(second.json.passages.map((p: { id: string }) => p.id)).toEqual([own[2]]);
    expect(second.json.nextCursor).toBeNull();
    const offset = await get(tokens.responsable, `?from=${day}&to=${day}&offset=2&limit=1`);
    expect(offset.json.passages.map((p: { id: string }) => p.id)).toEqual([colleagues]);
  });

  it("takes date-times as instants", async () => {
    const { json } = await get(
      tokens.responsable,
      `?from=${encodeURIComponent(`${day}T09:00:00+02:00`)}&to=${encodeURIComponent(`${day}T10:00:00+02:00`)}`,
    );
    expect(json.passages.map((p: { id: string }) => p.id)).toEqual([own[0], colleagues]);
  });

  it("answers bad parameters with 400 and French messages per field", async () => {
    const cases: Array<[string, string]> = [
      ["?structure=abc", "structure"],
      ["?from=2025-13-01", "from"],
      ["?from=hier", "from"],
      ["?from=2025-06-10&to=2025-06-01", "from"],
      ["?from=2024-01-01&to=2025-06-01", "to"],
      ["?limit=0", "limit"],
      ["?limit=5001", "limit"],
      ["?limit=dix", "limit"],
      ["?offset=-1", "offset"],
      ["?cursor=nimportequoi", "cursor"],
    ];
    for (const [query, field] of cases) {
      const { status, json } = await get(tokens.agent, query);
      expect(status, query).toBe(400);
      expect(json.error.code).toBe("validation.failed");
      expect(Object.keys(json.error.fields), query).toContain(field);
    }
  });

  it("refuses another structure (403) and anonymous callers (401)", async () => {
    const other = await get(tokens.agent, `?structure=${otherStructure}`);
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe("accueil.list_forbidden");
    expect((await get(tokens.outsider, `?structure=${structureId}`)).status).toBe(403);
    expect((await get(tokens.coordinateur, `?structure=${structureId}`)).status).toBe(403);
    expect((await get(undefined)).status).toBe(401);
  });
});
