import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { passageSchema } from "../../src/accueil/accueil.schema";
import { registerArrival } from "../../src/accueil/file-attente-arrivals.server";
import { callNext } from "../../src/accueil/file-attente-call.server";
import { recordPassage } from "../../src/accueil/record-passage.server";
import { db, queryRows } from "../../src/db/client.server";
import { createTestStructure, createTestUser, formBody, sessionRequest, testActor } from "../../src/test/factories";
import * as accueil from "./accueil";
import * as passagePage from "./accueil.passages.$id";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "" } }) as never;
type Reply = { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };
type DataWithInit = {
  type: "DataWithResponseInit";
  data: { lastResult: Reply; intent?: string };
  init: { status?: number } | null;
};

/** What a loader or an action answered: a redirect, data with a status, or a thrown response. */
async function outcome(
  call: () => Promise<unknown>,
): Promise<{ status: number; location: string | null; data: DataWithInit["data"] | null }> {
  const read = (value: unknown) => {
    if (value instanceof Response) return { status: value.status, location: value.headers.get("location"), data: null };
    if ((value as DataWithInit)?.type === "DataWithResponseInit")
      return {
        status: (value as DataWithInit).init?.status ?? 200,
        location: null,
        data: (value as DataWithInit).data,
      };
    return { status: 200, location: null, data: value as DataWithInit["data"] };
  };
  try {
    return read(await call());
  } catch (error) {
    if (error instanceof Response || (error as DataWithInit)?.type === "DataWithResponseInit") return read(error);
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

/** The tag of the input with this id ("" when absent), to check its state without matching the whole page. */
function inputTag(html: string, id: string): string {
  return new RegExp(`<input[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0] ?? "";
}

const post = (userId: string, path: string, values: Record<string, string | string[]>) =>
  sessionRequest(userId, path, {
    method: "POST",
    body: formBody(values),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

const S = (field: string) => `sollicitations[0].${field}`;
const VALID = {
  [S("partenaires")]: "france_titres",
  [S("situations")]: "papiers_identite",
  [S("aides")]: "demarche_en_ligne",
  [S("autonomie")]: "partiellement",
  [S("issue")]: "resolu_sur_place",
  canal: "accueil_physique",
};

async function passageCount(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from passages`);
  return row.n;
}

let structureId: string;
let agent: string;
let colleague: string;
let responsable: string;

beforeAll(async () => {
  structureId = await createTestStructure({ fileAttenteActive: true });
  agent = (await createTestUser([{ role: "agent", structureId }])).userId;
  colleague = (await createTestUser([{ role: "agent", structureId }])).userId;
  responsable = (await createTestUser([{ role: "responsable", structureId }])).userId;
});

describe("/accueil loader", () => {
  it("gives the current structure, the quick picks and a pre-filled demand for a quick pick sent without JavaScript", async () => {
    const data = await accueil.loader(
      args(await sessionRequest(agent, "/accueil?raccourci=caf.allocation_logement.demarche_en_ligne")),
    );
    expect(data.structure.id).toBe(structureId);
    expect(data.quickPicks).toHaveLength(8);
    expect(data.quickPicks[0]).toMatchObject({
      label: "France Titres – J’établis mes papiers d’identité",
      param: "france_titres.papiers_identite.demarche_en_ligne",
    });
    expect(data.raccourci).toEqual({ partenaire: "caf", situation: "allocation_logement", aide: "demarche_en_ligne" });
    expect(data.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    for (const hostile of [
      "caf.papiers_identite.information",
      "caf.allocation_logement.inconnue",
      "x".repeat(500),
      "caf.allocation_logement.information.plus",
    ]) {
      const other = await accueil.loader(
        args(await sessionRequest(agent, `/accueil?raccourci=${encodeURIComponent(hostile)}`)),
      );
      expect(other.raccourci).toBeNull();
    }
  });
});

describe("/accueil action", () => {
  it("records the passage in the current structure and comes back with the success notice", async () => {
    const before = await passageCount();
    const result = await outcome(async () => accueil.action(args(await post(agent, "/accueil", VALID))));
    expect(result.status).toBe(302);
    const id = /enregistre=([0-9a-f-]{36})$/.exec(result.location ?? "")?.[1];
    expect(id).toBeDefined();
    expect(await passageCount()).toBe(before + 1);
    const page = await accueil.loader(args(await sessionRequest(agent, result.location!)));
    expect(page.saved).toMatchObject({
      id,
      canal: "accueil_physique",
      demandes: [{ partenaires: ["france_titres"], situations: ["papiers_identite"] }],
    });
    const html = render(accueil.default as never, result.location!, page);
    expect(html).toContain("Passage enregistré");
    expect(html).toContain("France Titres – J’établis mes papiers d’identité");
    expect(html).toContain(`href="/accueil?ajout=${id}"`);
    expect(html).toContain("Ajouter une autre demande pour la même personne");
    expect(html).toContain("Nouveau passage");
  });

  it("answers 400 with one French message per field and everything typed kept, and writes nothing", async () => {
    const before = await passageCount();
    const typed = {
      ...VALID,
      [S("autonomie")]: "",
      [S("issue")]: "",
      [S("precision")]: "renouvellement après perte",
      [S("signalements")]: ["allophone", "handicap"],
      dureeMinutes: "999",
    };
    const result = await outcome(async () => accueil.action(args(await post(agent, "/accueil", typed))));
    expect(result.status).toBe(400);
    const reply = result.data!.lastResult;
    expect(reply.error).toMatchObject({
      [S("autonomie")]: ["Indiquez l’autonomie numérique de l’usager."],
      [S("issue")]: ["Indiquez l’issue de la demande."],
      dureeMinutes: ["La durée est de 480 minutes au plus."],
    });
    expect(reply.initialValue).toMatchObject({
      sollicitations: [
        {
          partenaires: "france_titres",
          situations: "papiers_identite",
          precision: "renouvellement après perte",
          signalements: ["allophone", "handicap"],
        },
      ],
      dureeMinutes: "999",
    });
    expect(await passageCount()).toBe(before);

    // Rendered without JavaScript, the boxes are still checked, the text still there, the errors listed on top.
    const page = await accueil.loader(args(await sessionRequest(agent, "/accueil")));
    const html = render(accueil.default as never, "/accueil", page, result.data);
    expect(inputTag(html, "passage-demande-0-partenaire-france_titres")).toContain('checked=""');
    expect(inputTag(html, "passage-demande-0-situation-papiers_identite")).toContain('checked=""');
    expect(inputTag(html, "passage-demande-0-signalements-handicap")).toContain('checked=""');
    expect(inputTag(html, "passage-demande-0-signalements-allophone")).toContain('checked=""');
    expect(inputTag(html, "passage-demande-0-partenaire-caf")).not.toContain("checked");
    expect(html).toContain('value="renouvellement après perte"');
    expect(html).toContain("3 informations sont à corriger");
    expect(html).toContain('href="#passage-demande-0-autonomie"');
    expect(html).toContain("Indiquez l’issue de la demande.");
    // The details section opens by itself on an error inside it.
    expect(html).toMatch(/<details class="fr-mb-4w" open="">/);
  });

  it("never answers 500 to hostile values, and writes nothing", async () => {
    const before = await passageCount();
    const other = await createTestStructure();
    const hostile: Array<Record<string, string | string[]>> = [
      { ...VALID, [S("partenaires")]: "'; drop table passages; --" },
      { ...VALID, [S("precision")]: "x".repeat(5000) },
      { ...VALID, [S("precision")]: "nul\u0000" },
      { ...VALID, "sollicitations[999].autonomie": "autonome" },
      { ...VALID, structureId: other },
      { ...VALID, structureId: "pas-un-uuid" },
      { ...VALID, debutLocal: "2999-01-01T10:00" },
      { ...VALID, debutLocal: "hier" },
      { ...VALID, canal: "telephone", equipements: "scanner" },
      { ...VALID, [S("partenairesLocaux")]: "00000000-0000-4000-8000-000000000000" },
      { ...VALID, passageId: "pas-un-uuid" },
      { ...VALID, passageId: "00000000-0000-4000-8000-000000000000" },
      {},
    ];
    for (const values of hostile) {
      const result = await outcome(async () => accueil.action(args(await post(agent, "/accueil", values))));
      expect([400, 403, 404], JSON.stringify(values).slice(0, 120)).toContain(result.status);
      expect(result.data?.lastResult.status).toBe("error");
    }
    expect(await passageCount()).toBe(before);
  });

  it("answers below 500 to random forms, recording only whole passages", async () => {
    const recorded = await outcome(async () => accueil.action(args(await post(agent, "/accueil", VALID))));
    const existing = recorded.location!.split("=")[1];
    const names = [
      ...Object.keys(VALID),
      ...[
        "partenaires",
        "partenairesLocaux",
        "horsPartenaires",
        "situations",
        "aides",
        "autonomie",
        "issue",
        "precision",
        "signalements",
      ].flatMap((field) => [S(field), `sollicitations[1].${field}`]),
      ...[
        "passageId",
        "debutLocal",
        "debut",
        "dureeMinutes",
        "avecRdv",
        "trancheAge",
        "genre",
        "communeResidence",
        "premiereVisite",
        "equipements",
        "structureId",
        "cle",
        "fileAttente",
        "sollicitations",
        "sollicitations[25].issue",
        "__proto__",
      ],
    ];
    const values = fc.oneof(
      fc.constantFrom(
        "caf",
        "allocation_logement",
        "information",
        "autonome",
        "resolu_sur_place",
        "on",
        "telephone",
        "scanner",
        "75_plus",
        "57631",
        "2026-01-01T10:00",
        existing,
        structureId,
      ),
      fc.constantFrom(
        "",
        " ",
        "\u0000",
        "a\u0000b",
        "\uD800",
        "x".repeat(300),
        "'; drop table passages; --",
        "<script>",
        "-1",
        "1e309",
        "NaN",
        "0000-01-01T00:00",
        "9999-12-31T23:59",
        "00000000-0000-0000-0000-000000000000",
      ),
      fc.string({ maxLength: 20 }),
    );
    const form = fc
      .array(fc.tuple(fc.constantFrom(...names), values), { maxLength: 14 })
      .map((pairs) => ({ ...VALID, ...Object.fromEntries(pairs) }));
    await fc.assert(
      fc.asyncProperty(form, async (values) => {
        const result = await outcome(async () => accueil.action(args(await post(agent, "/accueil", values))));
        expect(result.status, JSON.stringify(values).slice(0, 300)).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    const [broken] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from passages p where not exists (select 1 from sollicitations s where s.passage_id = p.id)
        or exists (select 1 from sollicitations s where s.passage_id = p.id and not exists (select 1 from sollicitation_aides a where a.sollicitation_id = s.id))`,
    );
    expect(broken.n).toBe(0);
  });

  it("reads the start time typed in Paris time, and replays a double submission instead of recording twice", async () => {
    const before = await passageCount();
    const values = { ...VALID, debutLocal: "2026-07-01T10:30", cle: "cle-de-formulaire-1" };
    const first = await outcome(async () => accueil.action(args(await post(agent, "/accueil", values))));
    const second = await outcome(async () => accueil.action(args(await post(agent, "/accueil", values))));
    expect(second.location).toBe(first.location);
    expect(await passageCount()).toBe(before + 1);
    const id = first.location!.split("=")[1];
    const [row] = await queryRows<{ started_at: Date }>(db(), sql`select started_at from passages where id = ${id}`);
    // 10:30 in Paris in summer is 08:30 UTC.
    expect(new Date(row.started_at).toISOString()).toBe("2026-07-01T08:30:00.000Z");
  });

  it("offers the saisine right in the confirmation when a demand is marked « À escalader », partner carried", async () => {
    const recorded = await outcome(async () =>
      accueil.action(
        args(
          await post(agent, "/accueil", {
            ...VALID,
            [S("partenaires")]: "caf",
            [S("situations")]: "allocation_logement",
            [S("issue")]: "a_escalader",
          }),
        ),
      ),
    );
    expect(recorded.status, JSON.stringify(recorded.data?.lastResult.error)).toBe(302);
    const page = await accueil.loader(args(await sessionRequest(agent, recorded.location!)));
    expect(page.saved?.escalades).toHaveLength(1);
    const [demande] = page.saved?.escalades ?? [];
    expect(demande.partnerKey).toBe("caf");
    const html = render(accueil.default as never, recorded.location!, page);
    expect(html).toContain(`href="/saisines/nouvelle?sollicitation=${demande.id}&amp;partenaire=caf"`);
    expect(html).toContain("Saisir le référent du partenaire");
    // Resolved on the spot: no saisine offered.
    const resolved = await outcome(async () => accueil.action(args(await post(agent, "/accueil", VALID))));
    const plain = await accueil.loader(args(await sessionRequest(agent, resolved.location!)));
    expect(plain.saved?.escalades).toEqual([]);
  });
  it("adds another demand of the same person to the passage, without retyping the passage", async () => {
    const recorded = await outcome(async () => accueil.action(args(await post(agent, "/accueil", VALID))));
    const id = recorded.location!.split("=")[1];
    const form = await accueil.loader(args(await sessionRequest(agent, `/accueil?ajout=${id}`)));
    expect(form.ajout).toMatchObject({ id, demandes: [{ partenaires: ["france_titres"] }] });
    const html = render(accueil.default as never, `/accueil?ajout=${id}`, form);
    expect(html).toContain(`<input type="hidden" name="passageId" value="${id}"/>`);
    expect(html).not.toContain('name="canal"');
    expect(html).toContain("Autre demande pour la même personne");

    const added = await outcome(async () =>
      accueil.action(
        args(
          await post(agent, `/accueil?ajout=${id}`, {
            passageId: id,
            [S("partenaires")]: "caf",
            [S("situations")]: "allocation_logement",
            [S("aides")]: "information",
            [S("autonomie")]: "autonome",
            [S("issue")]: "oriente_partenaire",
          }),
        ),
      ),
    );
    expect(added).toMatchObject({ status: 302, location: `/accueil?enregistre=${id}&demande=ajoutee` });
    const page = await accueil.loader(args(await sessionRequest(agent, added.location!)));
    expect(page.saved?.demandes.map((d) => d.partenaires[0])).toEqual(["france_titres", "caf"]);
    expect(render(accueil.default as never, added.location!, page)).toContain("Demande ajoutée au passage");

    // Another agent cannot add to it: the form says so, nothing is written.
    const refused = await outcome(async () =>
      accueil.action(args(await post(colleague, "/accueil", { ...VALID, passageId: id }))),
    );
    expect(refused.status).toBe(404);
    expect(refused.data?.lastResult.error?.[""]).toEqual([
      "Ce passage n’existe pas ou n’est pas dans votre périmètre.",
    ]);
    expect((await accueil.loader(args(await sessionRequest(colleague, `/accueil?ajout=${id}`)))).ajoutRefused).toBe(
      true,
    );
  });

  it("stores the wait of a person called from the waiting list with the passage", async () => {
    const actor = await testActor(agent);
    await registerArrival(actor, {});
    const called = await callNext(actor);
    const page = await accueil.loader(args(await sessionRequest(agent, `/accueil?fileAttente=${called!.id}`)));
    expect(page.appel).toMatchObject({ id: called!.id });
    const result = await outcome(async () =>
      accueil.action(
        args(await post(agent, `/accueil?fileAttente=${called!.id}`, { ...VALID, fileAttente: called!.id })),
      ),
    );
    const id = result.location!.split("=")[1];
    const [row] = await queryRows<{ attente_secondes: number | null; linked: string | null }>(
      db(),
      sql`select p.attente_secondes, f.passage_id as linked from passages p left join file_attente f on f.passage_id = p.id where p.id = ${id}`,
    );
    expect(row.attente_secondes).not.toBeNull();
    expect(row.linked).toBe(id);
  });
});

describe("/accueil/passages/:id", () => {
  async function recorded(userId = agent) {
    const actor = await testActor(userId);
    return recordPassage(
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
    );
  }

  it("shows the passage to its author and to the responsable, with the 30-day rule; 404 for another agent", async () => {
    const passage = await recorded();
    const asAuthor = await passagePage.loader(
      args(await sessionRequest(agent, `/accueil/passages/${passage.id}`), { id: passage.id }),
    );
    const html = render(passagePage.default as never, `/accueil/passages/${passage.id}`, asAuthor);
    const closed = render(passagePage.default as never, `/accueil/passages/${passage.id}`, {
      ...asAuthor,
      passage: { ...asAuthor.passage, canCorrect: false },
    });
    expect(closed).toContain("La période de correction de ce passage s’est terminée le");
    expect(closed).not.toContain("?corriger");
    expect(closed).not.toContain('name="motif"');
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain("<caption>Le passage</caption>");
    expect(html).toContain("<caption>Demande 1</caption>");
    expect(html).toContain("Je cherche une allocation logement");
    expect(html).toContain("pendant 30 jours après son début");
    expect(html).toContain(`href="/accueil/passages/${passage.id}?corriger"`);
    expect(html).toContain('name="motif"');
    expect(
      (
        await outcome(async () =>
          passagePage.loader(
            args(await sessionRequest(responsable, `/accueil/passages/${passage.id}`), { id: passage.id }),
          ),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await outcome(async () =>
          passagePage.loader(
            args(await sessionRequest(colleague, `/accueil/passages/${passage.id}`), { id: passage.id }),
          ),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await outcome(async () =>
          passagePage.loader(args(await sessionRequest(agent, "/accueil/passages/x"), { id: "x" })),
        )
      ).status,
    ).toBe(404);
  });

  it("corrects through the same form, prefilled, and journals the correction", async () => {
    const passage = await recorded();
    const path = `/accueil/passages/${passage.id}?corriger`;
    const form = await passagePage.loader(args(await sessionRequest(agent, path), { id: passage.id }));
    expect(form.correcting).toBe(true);
    const html = render(passagePage.default as never, path, form);
    expect(inputTag(html, "correction-demande-0-partenaire-caf")).toContain('checked=""');
    expect(inputTag(html, "correction-demande-0-autonomie-autonome")).toContain('checked=""');
    expect(inputTag(html, "correction-canal-accueil_physique")).toContain('checked=""');
    expect(html).toContain(`value="${form.debutLocal}"`);

    const bad = await outcome(async () =>
      passagePage.action(
        args(await post(agent, path, { intent: "corriger", ...VALID, [S("issue")]: "" }), { id: passage.id }),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      intent: "corriger",
      lastResult: { error: { [S("issue")]: ["Indiquez l’issue de la demande."] } },
    });

    const done = await outcome(async () =>
      passagePage.action(
        args(await post(responsable, path, { intent: "corriger", ...VALID, canal: "telephone" }), { id: passage.id }),
      ),
    );
    expect(done).toMatchObject({ status: 302, location: `/accueil/passages/${passage.id}?enregistre=correction` });
    const [audit] = await queryRows<{ action: string; structure_id: string }>(
      db(),
      sql`select action, structure_id from audit_log where target_id = ${passage.id}`,
    );
    expect(audit).toEqual({ action: "passage.updated", structure_id: structureId });
  });

  it("deletes only with a reason, then says the passage was deleted", async () => {
    const passage = await recorded();
    const path = `/accueil/passages/${passage.id}`;
    const refused = await outcome(async () =>
      passagePage.action(args(await post(agent, path, { intent: "supprimer", motif: " " }), { id: passage.id })),
    );
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({
      intent: "supprimer",
      lastResult: { error: { motif: ["Indiquez le motif de la suppression, en 3 à 500 caractères."] } },
    });
    expect(
      (
        await outcome(async () =>
          passagePage.action(
            args(await post(colleague, path, { intent: "supprimer", motif: "Erreur" }), { id: passage.id }),
          ),
        )
      ).status,
    ).toBe(404);
    const done = await outcome(async () =>
      passagePage.action(
        args(await post(agent, path, { intent: "supprimer", motif: "Saisi deux fois" }), { id: passage.id }),
      ),
    );
    expect(done).toMatchObject({ status: 302, location: path });
    const page = await passagePage.loader(args(await sessionRequest(agent, path), { id: passage.id }));
    const html = render(passagePage.default as never, path, page);
    expect(html).toContain("Passage supprimé");
    expect(html).not.toContain("allocation logement");
    const [row] = await queryRows<{ deletion_reason: string }>(
      db(),
      sql`select deletion_reason from passages where id = ${passage.id}`,
    );
    expect(row.deletion_reason).toBe("Saisi deux fois");
  });
});
