import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordPassage } from "../src/accueil/record-passage.server";
import { createApiToken } from "../src/auth/api-tokens.server";
import { db, queryRows } from "../src/db/client.server";
import { partenairesLocaux } from "../src/db/schema";
import { ERROR_MESSAGES } from "../src/platform/app-error";
import { DUPLICATE_CHOICE_MESSAGE } from "../src/platform/validation";
import {
  anonymousRequest,
  createTestStructure,
  createTestUser,
  sessionRequest,
  testActor,
} from "../src/test/factories";
import { callRoute } from "../src/test/route-actors";
import { useTestEncryptionKey } from "../src/test/usager-fixtures";
import * as accueil from "./routes/accueil";
import * as passagePage from "./routes/accueil.passages.$id";
import * as passagesApi from "./routes/api.v1.passages";
import * as nouvelUsager from "./routes/usagers.nouveau";

/**
 * Input refused, not reinterpreted (issues 12 and 19): a repeated checkbox value is a 400 with a French
 * message on every form of the accueil and in the API, never a unique-key violation; a body that is not
 * UTF-8 is a 400, never stored with replacement characters.
 */

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "" } }) as never;
const S = (field: string) => `sollicitations[0].${field}`;

let structureId: string;
let agent: string;
let token: string;
let localPartner: string;

beforeAll(async () => {
  useTestEncryptionKey();
  structureId = await createTestStructure();
  const user = await createTestUser([{ role: "agent", structureId }]);
  agent = user.userId;
  token = (await createApiToken({ email: user.email, name: "test" })).token;
  const [partner] = await db()
    .insert(partenairesLocaux)
    .values({ nom: "Mission locale de test", structureId })
    .returning({ id: partenairesLocaux.id });
  localPartner = partner.id;
});

async function count(table: "passages" | "sollicitations" | "usagers"): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.raw(table)}`);
  return row.n;
}

/** A raw form body: pairs already percent-encoded (or not) as written. */
const formRequest = (path: string, body: string | Uint8Array<ArrayBuffer>) =>
  sessionRequest(agent, path, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

const encodePairs = (pairs: [string, string][]) =>
  pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
const post = (path: string, pairs: [string, string][]) => formRequest(path, encodePairs(pairs));

/** A valid passage form; each multi-value field holds one value, the one repeated below. */
const MULTI_VALUES: [string, string][] = [
  [S("partenaires"), "caf"],
  [S("partenairesLocaux"), "LOCAL"],
  [S("situations"), "allocation_logement"],
  [S("aides"), "information"],
  [S("signalements"), "non_recours"],
  ["equipements", "poste"],
];
const SINGLE_VALUES: [string, string][] = [
  [S("autonomie"), "autonome"],
  [S("issue"), "resolu_sur_place"],
  ["canal", "accueil_physique"],
];

function passageForm(repeated: string | null, extra: [string, string][] = []): [string, string][] {
  const multi = MULTI_VALUES.map(
    ([name, value]) => [name, value === "LOCAL" ? localPartner : value] as [string, string],
  );
  const twice = multi.filter(([name]) => name === repeated);
  return [...extra, ...SINGLE_VALUES, ...multi, ...twice];
}

describe("a repeated form value is a 400 with a French message, never a database error (issue 19)", () => {
  it("the passage form records a passage with one value of each multi-value field", async () => {
    const before = await count("passages");
    const answer = await callRoute(async () =>
      accueil.action(args(await formRequest("/accueil", encodePairs(passageForm(null))))),
    );
    expect(answer).toMatchObject({ status: 302 });
    expect(await count("passages")).toBe(before + 1);
  });

  for (const [field] of MULTI_VALUES) {
    it(`${field} repeated: refused on the passage form, the added demand and the correction`, async () => {
      const passage = await recordPassage(await testActor(agent), {
        canal: "accueil_physique",
        avecRdv: false,
        equipements: [],
        sollicitations: [
          {
            partenaires: ["caf"],
            partenairesLocaux: [],
            horsPartenaires: false,
            situations: ["allocation_logement"],
            aides: ["information"],
            autonomie: "autonome",
            issue: "resolu_sur_place",
            precision: null,
            signalements: [],
          },
        ],
      });
      const before = [await count("passages"), await count("sollicitations")];
      const posts = [
        { name: "record", call: async () => accueil.action(args(await post("/accueil", passageForm(field)))) },
        ...(field === "equipements"
          ? []
          : [
              {
                name: "add",
                call: async () =>
                  accueil.action(
                    args(
                      await post("/accueil", passageForm(field, [["passageId", passage.id]]).filter(notPassageLevel)),
                    ),
                  ),
              },
            ]),
        {
          name: "correct",
          call: async () =>
            passagePage.action(
              args(await post(`/accueil/passages/${passage.id}`, passageForm(field, [["intent", "corriger"]])), {
                id: passage.id,
              }),
            ),
        },
      ];
      for (const form of posts) {
        const answer = await callRoute(form.call);
        expect({ form: form.name, status: answer.status }).toEqual({ form: form.name, status: 400 });
        const data = answer.data as { lastResult: { error: Record<string, string[]> } };
        expect(data.lastResult.error[field], form.name).toEqual([DUPLICATE_CHOICE_MESSAGE]);
      }
      expect([await count("passages"), await count("sollicitations")]).toEqual(before);
    });
  }

  it("the API refuses duplicated array entries with 400 and the field's French message", async () => {
    const before = await count("passages");
    const demande = {
      partenaires: ["caf", "caf"],
      partenairesLocaux: [localPartner, localPartner],
      situations: ["allocation_logement", "allocation_logement"],
      aides: ["information", "information"],
      signalements: ["non_recours", "non_recours"],
      autonomie: "autonome",
      issue: "resolu_sur_place",
    };
    const response = (await passagesApi.action(
      args(apiRequest(JSON.stringify({ equipements: ["poste", "poste"], sollicitations: [demande] }))),
    )) as Response;
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(error.code).toBe("validation.failed");
    for (const field of ["partenaires", "partenairesLocaux", "situations", "aides", "signalements"])
      expect(error.fields[`sollicitations.0.${field}`] ?? error.fields.sollicitations, field).toBeDefined();
    expect(JSON.stringify(error.fields)).toContain(DUPLICATE_CHOICE_MESSAGE);
    expect(await count("passages")).toBe(before);
  });
});

/** Passage-level fields are not part of an added demand's form. */
const notPassageLevel = ([name]: [string, string]) => name.startsWith("sollicitations") || name === "passageId";

function apiRequest(body: string | Uint8Array<ArrayBuffer>): Request {
  return anonymousRequest("/api/v1/passages", {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  });
}

describe("a body that is not UTF-8 is refused with 400, never stored with replacement characters (issue 12)", () => {
  const json = (precision: string) =>
    `{"sollicitations":[{"partenaires":["caf"],"situations":["allocation_logement"],"aides":["information"],"autonomie":"autonome","issue":"resolu_sur_place","precision":"${precision}"}]}`;
  const withByte = (text: string, byte: number) => {
    const [head, tail] = text.split("@@");
    return new Uint8Array([...Buffer.from(head), byte, ...Buffer.from(tail)]);
  };

  it("the API: a JSON body with an invalid byte answers 400 http.invalid_utf8; the same body in UTF-8 is recorded", async () => {
    const before = await count("passages");
    const refused = (await passagesApi.action(args(apiRequest(withByte(json("Caf@@"), 0xff))))) as Response;
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: { code: "http.invalid_utf8", message: ERROR_MESSAGES["http.invalid_utf8"] },
    });
    expect(await count("passages")).toBe(before);
    const accepted = (await passagesApi.action(args(apiRequest(json("Caf é"))))) as Response;
    expect(accepted.status).toBe(201);
  });

  for (const [label, body] of [
    ["a percent-escaped invalid byte", `nom=Martin%FF&prenom=Irène`],
    ["an overlong encoding", `nom=Martin%C0%80&prenom=Ir%C3%A8ne`],
    ["a cut-short escape", `nom=Martin%E2%82&prenom=Irene`],
    ["a raw invalid byte", withByte("nom=Martin@@&prenom=Irene", 0xe9)],
  ] as const) {
    it(`a form with ${label} answers 400 with the French message; no usager is created`, async () => {
      const before = await count("usagers");
      const answer = await callRoute(async () =>
        nouvelUsager.action(args(await formRequest("/usagers/nouveau", body))),
      );
      expect(answer.status).toBe(400);
      expect(answer.thrown).toBe(true);
      expect(await count("usagers")).toBe(before);
    });
  }

  it("the thrown answer carries the code and the French message the error page shows", async () => {
    try {
      await accueil.action(args(await formRequest("/accueil", `${S("precision")}=%FF`)));
      expect.unreachable();
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(Response);
      expect(await (thrown as Response).json()).toEqual({
        code: "http.invalid_utf8",
        message: ERROR_MESSAGES["http.invalid_utf8"],
      });
    }
  });
});
