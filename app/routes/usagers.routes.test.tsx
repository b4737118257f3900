import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/auth/api-tokens.server";
import { parisDay } from "../../src/platform/time";
import { anonymousRequest, formBody, sessionRequest } from "../../src/test/factories";
import { structureWithAgent, useTestEncryptionKey } from "../../src/test/usager-fixtures";
import * as apiDemarches from "./api.v1.demarches";
import * as apiMandats from "./api.v1.mandats";
import * as apiMandatDocument from "./api.v1.mandats.$id.document-pdf";
import * as apiRevoke from "./api.v1.mandats.$id.revoke";
import * as apiUsagers from "./api.v1.usagers";
import * as apiUsager from "./api.v1.usagers.$id";
import * as apiRecherche from "./api.v1.usagers.recherche";
import * as demarchesList from "./demarches";
import * as demarche from "./demarches.$id";
import * as fiche from "./demarches.$id.fiche-transmission-pdf";
import * as nouvelleDemarche from "./demarches.nouvelle";
import * as mandat from "./mandats.$id";
import * as attestation from "./mandats.$id.attestation-pdf";
import * as document from "./mandats.$id.document-pdf";
import * as nouveauMandat from "./mandats.nouveau";
import * as search from "./usagers";
import * as usagerPage from "./usagers.$id";
import * as exportJson from "./usagers.$id.export-json";
import * as notice from "./usagers.$id.notice";
import * as noticePdf from "./usagers.notice-pdf";
import * as nouvelUsager from "./usagers.nouveau";
import * as verifier from "./verifier-mandat.$code";

const args = (request: Request, params: Record<string, string> = {}) =>
  ({ request, params, context: { cspNonce: "" } }) as never;

type Reply = {
  type?: string;
  data?: {
    intent?: string;
    lastResult?: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
  };
  init?: { status: number };
};

async function outcome(
  call: () => Promise<unknown>,
): Promise<{ status: number; location: string | null; body: unknown }> {
  try {
    const result = await call();
    if (result instanceof Response)
      return { status: result.status, location: result.headers.get("location"), body: result };
    const reply = result as Reply;
    if (reply?.type === "DataWithResponseInit")
      return { status: reply.init?.status ?? 200, location: null, body: reply.data };
    return { status: 200, location: null, body: result };
  } catch (error) {
    if (error instanceof Response)
      return { status: error.status, location: error.headers.get("location"), body: error };
    const reply = error as Reply;
    if (reply?.type === "DataWithResponseInit")
      return { status: reply.init?.status ?? 500, location: null, body: reply.data };
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
  );
}

/** Every page of this capability: one h1, and nothing that could upload a document. */
function expectSoberPage(html: string): void {
  expect(html.match(/<h1[\s>]/g)?.length ?? 0).toBe(1);
  expect(html).not.toMatch(/type="file"|multipart\/form-data/);
}

let agentId: string;
let token: string;

beforeAll(async () => {
  useTestEncryptionKey();
  const { agent } = await structureWithAgent();
  agentId = agent.userId;
  token = (await createApiToken({ email: agent.email, name: "tests usagers" })).token;
});

const post = (path: string, values: Record<string, string | string[]>) =>
  sessionRequest(agentId, path, {
    method: "POST",
    body: formBody(values),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
const api = (path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  if (init.body) headers.set("content-type", "application/json");
  return anonymousRequest(path, { ...init, headers });
};

describe("usager, démarche and mandate pages", () => {
  it("walks the whole path: file, démarche, completeness, mandate, signature, printing, revocation, verification", async () => {
    // The file needs the notice: 400, French message, values kept.
    const refused = await outcome(async () =>
      nouvelUsager.action(args(await post("/usagers/nouveau", { nom: "Parcours", prenom: "Irène" }))),
    );
    expect(refused.status).toBe(400);
    const lastResult = (refused.body as NonNullable<Reply["data"]>).lastResult!;
    expect(lastResult.error?.noticeRemise?.[0]).toContain("notice d’information");
    expect(lastResult.initialValue?.nom).toBe("Parcours");
    const created = await outcome(async () =>
      nouvelUsager.action(
        args(
          await post("/usagers/nouveau", {
            nom: "Parcours",
            prenom: "Irène",
            noticeRemise: "on",
            commune: "Sarreguemines",
          }),
        ),
      ),
    );
    expect(created.status).toBe(302);
    const usagerId = created.location!.match(/\/usagers\/([0-9a-f-]{36})/)![1];

    // Search is a POST; the results link to the file.
    const found = (await search.action(args(await post("/usagers", { q: "parcours ire" })))) as {
      results: Array<{ id: string }>;
    };
    expect(found.results.map((row) => row.id)).toEqual([usagerId]);
    const searchHtml = render(search.default as never, "/usagers", { erased: false }, found);
    expect(searchHtml).toContain(`href="/usagers/${usagerId}"`);
    expectSoberPage(searchHtml);

    // Démarche with its checklist.
    const opened = await outcome(async () =>
      nouvelleDemarche.action(
        args(
          await post("/demarches/nouvelle", {
            usagerId,
            titre: "Demande de complémentaire santé solidaire",
            partenaire: "assurance_maladie",
            situationKey: "rembourser_soins",
            pieces: "Avis d’imposition\nRIB",
            pourLeCompte: "on",
          }),
        ),
      ),
    );
    expect(opened.status).toBe(302);
    const demarcheId = opened.location!.match(/\/demarches\/([0-9a-f-]{36})/)![1];
    const demarcheData = await demarche.loader(
      args(await sessionRequest(agentId, `/demarches/${demarcheId}`), { id: demarcheId }),
    );
    expectSoberPage(render(demarche.default as never, `/demarches/${demarcheId}`, demarcheData));
    const pieces = demarcheData.demarche.pieces;
    const piecesForm: Record<string, string> = { intent: "pieces" };
    pieces.forEach((piece, index) => {
      piecesForm[`pieces[${index}].id`] = piece.id;
      piecesForm[`pieces[${index}].etat`] = "verifie";
    });
    expect(
      (
        await outcome(async () =>
          demarche.action(args(await post(`/demarches/${demarcheId}`, piecesForm), { id: demarcheId })),
        )
      ).status,
    ).toBe(302);
    expect(
      (
        await outcome(async () =>
          demarche.action(args(await post(`/demarches/${demarcheId}`, { intent: "complet" }), { id: demarcheId })),
        )
      ).status,
    ).toBe(302);
    const ficheResponse = (await fiche.loader(
      args(await sessionRequest(agentId, `/demarches/${demarcheId}/fiche-transmission.pdf`), { id: demarcheId }),
    )) as Response;
    expect(ficheResponse.headers.get("content-type")).toBe("application/pdf");

    // An action in the usager's name is refused without a mandate, with the French message on the form.
    const refusedAction = await outcome(async () =>
      demarche.action(
        args(await post(`/demarches/${demarcheId}`, { intent: "action", nature: "demarche_en_ligne" }), {
          id: demarcheId,
        }),
      ),
    );
    expect(refusedAction.status).toBe(403);
    expect(JSON.stringify(refusedAction.body)).toContain("au nom et pour le compte");

    // Mandate: created, printed, signed, then the action goes through.
    const mandatCreated = await outcome(async () =>
      nouveauMandat.action(
        args(
          await post("/mandats/nouveau", {
            usagerId,
            demarches: demarcheId,
            donnees: ["etat_civil", "ressources"],
            lieu: "Sarreguemines",
            identiteVerifiee: "on",
          }),
        ),
      ),
    );
    expect(mandatCreated.status).toBe(302);
    const mandatId = mandatCreated.location!.match(/\/mandats\/([0-9a-f-]{36})/)![1];
    const pdf = (await document.loader(
      args(await sessionRequest(agentId, `/mandats/${mandatId}/document.pdf`), { id: mandatId }),
    )) as Response;
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect(
      (
        await outcome(async () =>
          mandat.action(
            args(await post(`/mandats/${mandatId}`, { intent: "signer", signedOn: parisDay() }), { id: mandatId }),
          ),
        )
      ).location,
    ).toBe(`/mandats/${mandatId}?motif=signe`);
    expect(
      (
        await outcome(async () =>
          demarche.action(
            args(await post(`/demarches/${demarcheId}`, { intent: "action", nature: "demarche_en_ligne" }), {
              id: demarcheId,
            }),
          ),
        )
      ).status,
    ).toBe(302);
    const mandatData = await mandat.loader(
      args(await sessionRequest(agentId, `/mandats/${mandatId}`), { id: mandatId }),
    );
    expect(mandatData.mandat.statut).toBe("valide");
    expectSoberPage(render(mandat.default as never, `/mandats/${mandatId}`, mandatData));
    const code = mandatData.mandat.verificationCode.replace(/-/g, "");
    const verified = await verifier.loader(args(anonymousRequest(`/verifier-mandat/${code}`), { code }));
    expect((verified as unknown as { data: { result: { result: string } } }).data.result.result).toBe("valide");
    const verifiedHtml = render(
      verifier.default as never,
      `/verifier-mandat/${code}`,
      (verified as unknown as { data: unknown }).data,
    );
    expect(verifiedHtml).toContain("Ce mandat est valide.");
    expect(verifiedHtml).not.toContain("Parcours");

    // Revocation: a reason is required; then the attestation prints and the check says revoked.
    const noReason = await outcome(async () =>
      mandat.action(
        args(await post(`/mandats/${mandatId}`, { intent: "revoquer", revokedOn: parisDay(), motif: "" }), {
          id: mandatId,
        }),
      ),
    );
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain("motif");
    expect(
      (
        await outcome(async () =>
          mandat.action(
            args(
              await post(`/mandats/${mandatId}`, {
                intent: "revoquer",
                revokedOn: parisDay(),
                motif: "L’usagère fera seule",
              }),
              { id: mandatId },
            ),
          ),
        )
      ).status,
    ).toBe(302);
    const attestationPdf = (await attestation.loader(
      args(await sessionRequest(agentId, `/mandats/${mandatId}/attestation.pdf`), { id: mandatId }),
    )) as Response;
    expect(attestationPdf.headers.get("content-type")).toBe("application/pdf");
    const revoked = await verifier.loader(args(anonymousRequest(`/verifier-mandat/${code}`), { code }));
    expect((revoked as unknown as { data: { result: { result: string } } }).data.result.result).toBe("revoque");
    expect(
      (
        await outcome(async () =>
          verifier.loader(args(anonymousRequest("/verifier-mandat/INCONNU00000"), { code: "INCONNU00000" })),
        )
      ).status,
    ).toBe(404);

    // The file page, the notice, the export.
    const fileData = await usagerPage.loader(
      args(await sessionRequest(agentId, `/usagers/${usagerId}`), { id: usagerId }),
    );
    const fileHtml = render(usagerPage.default as never, `/usagers/${usagerId}`, fileData);
    expectSoberPage(fileHtml);
    expect(fileHtml).toContain("Demande de complémentaire santé solidaire");
    const noticeData = await notice.loader(
      args(await sessionRequest(agentId, `/usagers/${usagerId}/notice`), { id: usagerId }),
    );
    const noticeHtml = render(notice.default as never, `/usagers/${usagerId}/notice`, noticeData);
    expectSoberPage(noticeHtml);
    expect(noticeHtml).toContain("Qui est responsable de vos données");
    expect(noticeHtml).toContain("CNIL");
    expect(
      ((await noticePdf.loader(args(await sessionRequest(agentId, "/usagers/notice.pdf")))) as Response).headers.get(
        "content-type",
      ),
    ).toBe("application/pdf");
    const json = (await exportJson.loader(
      args(await sessionRequest(agentId, `/usagers/${usagerId}/export.json`), { id: usagerId }),
    )) as Response;
    const exported = (await json.json()) as { usager: { nom: string }; demarches: unknown[]; mandats: unknown[] };
    expect(exported.usager.nom).toBe("Parcours");
    expect(exported.demarches).toHaveLength(1);
    expect(exported.mandats).toHaveLength(1);

    // The à-faire list and the unknown intents.
    expectSoberPage(
      render(
        demarchesList.default as never,
        "/demarches",
        await demarchesList.loader(args(await sessionRequest(agentId, "/demarches"))),
      ),
    );
    expect(
      (
        await outcome(async () =>
          usagerPage.action(args(await post(`/usagers/${usagerId}`, { intent: "nimporte" }), { id: usagerId })),
        )
      ).status,
    ).toBe(400);
  });

  it("shows a partner identifier masked, and in clear only after a journaled reveal", async () => {
    const created = await outcome(async () =>
      nouvelUsager.action(args(await post("/usagers/nouveau", { nom: "Masque", prenom: "Léon", noticeRemise: "on" }))),
    );
    const usagerId = created.location!.match(/\/usagers\/([0-9a-f-]{36})/)![1];
    const opened = await outcome(async () =>
      nouvelleDemarche.action(
        args(await post("/demarches/nouvelle", { usagerId, titre: "Prime d’activité", partenaire: "caf" })),
      ),
    );
    const demarcheId = opened.location!.match(/\/demarches\/([0-9a-f-]{36})/)![1];
    const bad = await outcome(async () =>
      usagerPage.action(
        args(
          await post(`/usagers/${usagerId}`, {
            intent: "identifiant",
            type: "caf_allocataire",
            valeur: "12",
            demarcheId,
          }),
          { id: usagerId },
        ),
      ),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("7 chiffres");
    expect(JSON.stringify(bad.body)).not.toContain('"12"');
    await outcome(async () =>
      usagerPage.action(
        args(
          await post(`/usagers/${usagerId}`, {
            intent: "identifiant",
            type: "caf_allocataire",
            valeur: "1234567",
            demarcheId,
          }),
          { id: usagerId },
        ),
      ),
    );
    const fileData = await usagerPage.loader(
      args(await sessionRequest(agentId, `/usagers/${usagerId}`), { id: usagerId }),
    );
    const html = render(usagerPage.default as never, `/usagers/${usagerId}`, fileData);
    expect(html).not.toContain("1234567");
    expect(html).toContain("•••••67");
    const revealed = (await usagerPage.action(
      args(await post(`/usagers/${usagerId}`, { intent: "reveler", identifiantId: fileData.file.identifiants[0].id }), {
        id: usagerId,
      }),
    )) as { revealed: { valeur: string } };
    expect(revealed.revealed.valeur).toBe("1234567");
    expect(render(usagerPage.default as never, `/usagers/${usagerId}`, fileData, revealed)).toContain(
      "<strong>1234567</strong>",
    );
  });
});

describe("API /api/v1 usagers, démarches, mandats", () => {
  it("creates, searches, reads, establishes a mandate, prints it and revokes it", async () => {
    const missingNotice = await apiUsagers.action(
      args(api("/api/v1/usagers", { method: "POST", body: JSON.stringify({ nom: "Api", prenom: "Sans notice" }) })),
    );
    expect(missingNotice.status).toBe(400);
    expect(
      ((await missingNotice.json()) as { error: { fields: Record<string, string[]> } }).error.fields.noticeRemise[0],
    ).toContain("notice");
    const created = await apiUsagers.action(
      args(
        api("/api/v1/usagers", {
          method: "POST",
          body: JSON.stringify({ nom: "Apiusager", prenom: "Rémi", noticeRemise: true }),
        }),
      ),
    );
    expect(created.status).toBe(201);
    const { id: usagerId } = (await created.json()) as { id: string };
    const searched = await apiRecherche.action(
      args(api("/api/v1/usagers/recherche", { method: "POST", body: JSON.stringify({ q: "apiusager" }) })),
    );
    expect(((await searched.json()) as { usagers: Array<{ id: string }> }).usagers.map((row) => row.id)).toEqual([
      usagerId,
    ]);
    const read = await apiUsager.loader(args(api(`/api/v1/usagers/${usagerId}`), { id: usagerId }));
    expect(((await read.json()) as { usager: { prenom: string } }).usager.prenom).toBe("Rémi");
    expect(
      (await apiUsager.loader(args(api(`/api/v1/usagers/${crypto.randomUUID()}`), { id: crypto.randomUUID() }))).status,
    ).toBe(404);

    const demarcheCreated = await apiDemarches.action(
      args(
        api("/api/v1/demarches", {
          method: "POST",
          body: JSON.stringify({
            usagerId,
            titre: "Déclaration de revenus",
            partenaire: "dgfip",
            pieces: ["Avis d’imposition"],
          }),
        }),
      ),
    );
    expect(demarcheCreated.status).toBe(201);
    const { id: demarcheId } = (await demarcheCreated.json()) as { id: string };
    const lists = (await (await apiDemarches.loader(args(api("/api/v1/demarches")))).json()) as {
      enCours: Array<{ id: string }>;
    };
    expect(lists.enCours.map((row) => row.id)).toContain(demarcheId);

    const mandatCreated = await apiMandats.action(
      args(
        api("/api/v1/mandats", {
          method: "POST",
          body: JSON.stringify({
            usagerId,
            demarches: [demarcheId],
            donnees: ["fiscalite"],
            lieu: "Sarreguemines",
            identiteVerifiee: true,
          }),
        }),
      ),
    );
    expect(mandatCreated.status).toBe(201);
    const { id: mandatId } = (await mandatCreated.json()) as { id: string };
    const pdf = await apiMandatDocument.loader(args(api(`/api/v1/mandats/${mandatId}/document.pdf`), { id: mandatId }));
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const noMotif = await apiRevoke.action(
      args(api(`/api/v1/mandats/${mandatId}/revoke`, { method: "POST", body: JSON.stringify({}) }), { id: mandatId }),
    );
    expect(noMotif.status).toBe(400);
    const revoked = await apiRevoke.action(
      args(
        api(`/api/v1/mandats/${mandatId}/revoke`, {
          method: "POST",
          body: JSON.stringify({ motif: "Demande de l’usager" }),
        }),
        { id: mandatId },
      ),
    );
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { statut: string }).statut).toBe("revoque");
  });
});
