import ExcelJS from "exceljs";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as apiLoader } from "../../app/routes/api.v1.reports";
import { loader as recordsLoader } from "../../app/routes/pilotage.enregistrements";
import { loader as exportLoader } from "../../app/routes/pilotage.export";
import type { Actor } from "../acces/actor.server";
import { passageSchema } from "../accueil/accueil.schema";
import { deletePassage } from "../accueil/delete-passage.server";
import { recordPassage } from "../accueil/record-passage.server";
import { createApiToken } from "../auth/api-tokens.server";
import { anonymousRequest, createTestStructure, createTestUser, sessionRequest, testActor } from "../test/factories";
import { RECORD_COLUMNS } from "./export-records.server";
import { parsePeriod } from "./period";
import { buildReport } from "./report.server";
import { parseReportRequest } from "./report-request";
import { foldRollups } from "./rollups.server";

/**
 * A small fixed dataset (Metz, 3rd quarter 2026): 8 live passages, 9 sollicitations; one passage
 * deleted; genre « femme » and commune Thionville held by one passage each (masked), « homme » and
 * Metz by enough passages to be shown.
 */
const PRECISION_MARKER = "MARQUEUR-PRECISION-7f3a";
const DELETED_MARKER = "MARQUEUR-SUPPRIME-19c2";
const args = (request: Request) => ({ request, params: {}, context: { cspNonce: "" } }) as never;

let metz: string;
let thionville: string;
let ids: {
  responsable: string;
  agentMetz: string;
  coordinateur57: string;
  coordinateur92: string;
  national: string;
  mixed: string;
};
let responsable: Actor;

const caf = {
  partenaires: ["caf"],
  situations: ["allocation_logement"],
  aides: ["demarche_en_ligne"],
  autonomie: "partiellement",
  issue: "resolu_sur_place",
};
const titres = {
  partenaires: ["france_titres"],
  situations: ["papiers_identite"],
  aides: ["demarche_en_ligne"],
  autonomie: "entierement",
  issue: "rdv_partenaire",
};

beforeAll(async () => {
  metz = await createTestStructure({ nom: "FS Metz", departement: "57", communeInsee: "57463", codePostal: "57000" });
  thionville = await createTestStructure({
    nom: "FS Thionville",
    departement: "57",
    communeInsee: "57672",
    codePostal: "57100",
  });
  const agentMetz = await createTestUser([{ role: "agent", structureId: metz }]);
  const agentThionville = await createTestUser([{ role: "agent", structureId: thionville }]);
  const responsableUser = await createTestUser([{ role: "responsable", structureId: metz }]);
  const coordinateur57User = await createTestUser([{ role: "coordinateur", departement: "57" }]);
  const coordinateur92User = await createTestUser([{ role: "coordinateur", departement: "92" }]);
  const nationalUser = await createTestUser([{ role: "national" }]);
  // Responsable elsewhere, only an agent at Metz: reads Metz's reports, not its records.
  const elsewhere = await createTestStructure({ departement: "92" });
  const mixed = await createTestUser([
    { role: "responsable", structureId: elsewhere },
    { role: "agent", structureId: metz },
  ]);
  ids = {
    responsable: responsableUser.userId,
    agentMetz: agentMetz.userId,
    coordinateur57: coordinateur57User.userId,
    coordinateur92: coordinateur92User.userId,
    national: nationalUser.userId,
    mixed: mixed.userId,
  };
  responsable = await testActor(responsableUser.userId);
  const metzAgent = await testActor(agentMetz.userId);
  const record = (actor: Actor, debut: string, values: Record<string, unknown>) =>
    recordPassage(actor, passageSchema.parse({ debut, ...values }));
  await record(metzAgent, "2026-07-06T08:00:00Z", {
    dureeMinutes: 10,
    genre: "femme",
    trancheAge: "40_54",
    communeResidence: "57463",
    sollicitations: [{ ...caf, precision: PRECISION_MARKER }, titres],
  });
  await record(metzAgent, "2026-08-12T09:00:00Z", {
    dureeMinutes: 30,
    canal: "telephone",
    communeResidence: "57463",
    sollicitations: [caf],
  });
  await foldRollups();
  await record(metzAgent, "2026-09-10T09:00:00Z", {
    communeResidence: "57672",
    sollicitations: [{ ...titres, signalements: ["non_recours"] }],
  });
  for (let i = 0; i < 5; i++)
    await record(metzAgent, `2026-09-15T0${i}:30:00Z`, {
      genre: "homme",
      communeResidence: "57463",
      sollicitations: [caf],
    });
  const deleted = await record(metzAgent, "2026-09-16T09:00:00Z", {
    canal: "visio",
    sollicitations: [{ ...caf, precision: DELETED_MARKER }],
  });
  await deletePassage(metzAgent, deleted.id, "saisie en double", { now: new Date("2026-09-16T10:00:00Z") });
  await record(await testActor(agentThionville.userId), "2026-07-15T08:00:00Z", { sollicitations: [caf] });
});

/** The status of a loader's answer, returned or thrown (a Response, or React Router's data()). */
async function outcome(call: () => Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const result = await call();
    if (result instanceof Response) return { status: result.status, body: result };
    return { status: 200, body: result };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, body: error };
    const init = (error as { init?: { status?: number } | null; data?: unknown; type?: string }) ?? {};
    if (init.type === "DataWithResponseInit") return { status: init.init?.status ?? 500, body: init.data };
    throw error;
  }
}

async function download(userId: string, query: string): Promise<Response> {
  const result = await outcome(async () =>
    exportLoader(args(await sessionRequest(userId, `/pilotage/export?${query}`))),
  );
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body as Response;
}

/** A small CSV reader for the files we write (`;`, quotes, CRLF, BOM). */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ";") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += char;
  }
  return rows;
}

/** The body as sent, byte-order mark included (Response.text() drops it). */
async function csvText(response: Response): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
}

async function pdfText(response: Response): Promise<string> {
  const document = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
  const { text } = await extractText(document, { mergePages: true });
  return text.replace(/\u00a0/g, " ");
}

describe("report request", () => {
  it("reads the five parameters and refuses hostile values with French messages", () => {
    const ok = parseReportRequest(
      new URLSearchParams({ niveau: "departement", id: "2a", periode: "2026-q3", format: "csv", dimension: "genre" }),
    );
    expect(ok).toMatchObject({
      ok: true,
      request: {
        level: "departement",
        id: "2A",
        format: "csv",
        dimension: "genre",
        period: { code: "2026-Q3", from: "2026-07-01" },
      },
    });
    expect(
      parseReportRequest(new URLSearchParams({ niveau: "national", id: "ignored", periode: "2026" })),
    ).toMatchObject({ ok: true, request: { id: null, format: "json" } });
    for (const query of [
      "niveau=<script>&periode=2026",
      "niveau=structure&id=' OR 1=1 --&periode=2026",
      "niveau=structure&periode=2026",
      "niveau=departement&id=../../etc&periode=2026",
      "niveau=national&periode=0000",
      "niveau=national&periode=9999",
      "niveau=national&periode=2026-13",
      `niveau=national&periode=${"9".repeat(5000)}`,
      "niveau=national&periode=2026&format=exe",
      "niveau=national&periode=2026&dimension=__proto__",
      "niveau=national",
    ]) {
      const parsed = parseReportRequest(new URLSearchParams(query));
      expect(parsed.ok, query).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/[a-zé]/);
    }
  });
});

describe("report exports", () => {
  it("XLSX: the synthèse, the evolution and one sheet per breakdown, exact for the structure's team", async () => {
    const response = await download(ids.responsable, `niveau=structure&id=${metz}&periode=2026-Q3&format=xlsx`);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="guichet-structure-${metz}-2026-Q3.xlsx"`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names.slice(0, 2)).toEqual(["Synthèse", "Évolution"]);
    expect(names).toEqual(
      expect.arrayContaining(["Partenaires", "Situations", "Canaux", "Issues", "Genre", "Communes", "Tranches d’âge"]),
    );
    // Per-agent figures name people: the report documents, made to be passed on, leave them out.
    expect(names).not.toContain("Agents");
    const rowOf = (sheet: ExcelJS.Worksheet, label: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === label) found = row;
      });
      return found;
    };
    const summary = workbook.getWorksheet("Synthèse")!;
    expect(rowOf(summary, "Passages (fréquentation)")!.getCell(2).value).toBe(8);
    expect(rowOf(summary, "Sollicitations (demandes)")!.getCell(2).value).toBe(9);
    const partners = workbook.getWorksheet("Partenaires")!;
    expect(rowOf(partners, "CAF")!.getCell(3).value).toBe(7);
    const genre = workbook.getWorksheet("Genre")!;
    expect(rowOf(genre, "Homme")!.getCell(2).value).toBe(5);
    // The team met these people: its own small counts are not masked (ADR 021).
    expect(rowOf(genre, "Femme")!.getCell(2).value).toBe(1);
    expect(typeof rowOf(workbook.getWorksheet("Communes")!, "Thionville (57)")!.getCell(2).value).toBe("number");
  });

  it("PDF: the quarterly report's text holds the totals, the breakdowns and the privacy footer", async () => {
    const response = await download(ids.responsable, `niveau=structure&id=${metz}&periode=2026-Q3&format=pdf`);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="guichet-structure-${metz}-2026-Q3.pdf"`,
    );
    const text = await pdfText(response);
    expect(text).toContain("Rapport trimestriel");
    expect(text).toContain("3e trimestre 2026");
    expect(text).toContain("FS Metz");
    expect(text).toMatch(/Passages \(fréquentation\)\s+8\s+/);
    expect(text).toMatch(/Sollicitations \(demandes\)\s+9\s+/);
    for (const label of [
      "Par partenaire",
      "CAF",
      "France Titres",
      "Par genre",
      "Par commune de résidence",
      "Évolution par mois",
      "juillet 2026",
    ])
      expect(text).toContain(label);
    expect(text).toMatch(/Femme\s+1\s/);
    expect(text).toContain("données agrégées, aucune donnée personnelle");
    expect(text).not.toContain("Par agent");
    expect(text).not.toContain("Camille");
    expect(text).toMatch(/Généré le \d{2}\/\d{2}\/\d{4}/);
  });

  it("PDF of a year is the annual review", async () => {
    const text = await pdfText(await download(ids.coordinateur57, "niveau=departement&id=57&periode=2026&format=pdf"));
    expect(text).toContain("Bilan annuel");
    expect(text).toContain("Structures du département");
    expect(text).toMatch(/Passages \(fréquentation\)\s+9\s+/);
  });

  it("CSV: one breakdown, or the synthèse, UTF-8 with BOM and `;`", async () => {
    const genre = await download(
      ids.responsable,
      `niveau=structure&id=${metz}&periode=2026-Q3&format=csv&dimension=genre`,
    );
    expect(genre.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(genre.headers.get("content-disposition")).toBe(
      `attachment; filename="guichet-structure-${metz}-2026-Q3.csv"`,
    );
    const rows = parseCsv(await csvText(genre));
    expect(rows[0]).toEqual(["Valeur", "Passages", "Sollicitations", "Part des passages (%)"]);
    expect(rows).toContainEqual(["Homme", "5", "5", "62,5"]);
    expect(rows).toContainEqual(["Femme", "1", "2", "12,5"]);
    const summary = parseCsv(
      await csvText(await download(ids.responsable, `niveau=structure&id=${metz}&periode=2026-Q3&format=csv`)),
    );
    expect(summary.find((row) => row[0] === "Passages (fréquentation)")!.slice(1, 3)).toEqual(["8", "0"]);
  });

  it("XLSX by level: structures for a département, départements and formats nationally", async () => {
    const load = async (userId: string, query: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await (await download(userId, query)).arrayBuffer());
      return workbook.worksheets.map((sheet) => sheet.name);
    };
    const departement = await load(ids.coordinateur57, "niveau=departement&id=57&periode=2026-Q3&format=xlsx");
    expect(departement).toContain("Structures");
    expect(departement).not.toContain("Agents");
    const national = await load(ids.national, "niveau=national&periode=2026-Q3&format=xlsx");
    expect(national).toContain("Départements");
    // Formats would be a second partition of the structures to subtract (ADR 021).
    expect(national).not.toContain("Formats");
  });

  it("answers 400, 403 or 404, never 500, to bad parameters and foreign scopes", async () => {
    const status = async (userId: string, query: string) =>
      (await outcome(async () => exportLoader(args(await sessionRequest(userId, `/pilotage/export?${query}`))))).status;
    for (const query of [
      "",
      "niveau=structure&id=1;drop table passages&periode=2026&format=pdf",
      `niveau=structure&id=${metz}&periode=2026-02-30&format=pdf`,
      `niveau=structure&id=${metz}&periode=2026-Q3&format=../../etc/passwd`,
      `niveau=structure&id=${metz}&periode=2026-Q3&format=csv&dimension=%00`,
      `niveau=structure&id=${metz}&periode=2026-01-01..2031-01-01&format=csv`,
      `niveau=structure&id=${metz}&periode=2026-Q3&format=csv&dimension=departements`,
    ]) {
      expect(await status(ids.responsable, query), query).toBe(400);
    }
    // The per-agent CSV is the responsable's (as on the dashboard): an agent asking for it gets a 400.
    expect(
      await status(ids.responsable, `niveau=structure&id=${metz}&periode=2026-Q3&format=csv&dimension=agent`),
    ).toBe(200);
    expect(await status(ids.agentMetz, `niveau=structure&id=${metz}&periode=2026-Q3&format=csv&dimension=agent`)).toBe(
      400,
    );
    expect(await status(ids.coordinateur92, "niveau=departement&id=57&periode=2026-Q3&format=pdf")).toBe(403);
    expect(await status(ids.coordinateur92, `niveau=structure&id=${metz}&periode=2026-Q3&format=pdf`)).toBe(404);
    expect(
      await status(
        ids.responsable,
        "niveau=structure&id=00000000-0000-0000-0000-000000000000&periode=2026-Q3&format=pdf",
      ),
    ).toBe(404);
    expect(await status(ids.responsable, "niveau=departement&id=99&periode=2026-Q3&format=pdf")).toBe(404);
  });
});

describe("GET /api/v1/reports", () => {
  const call = async (userId: string, query: string) => {
    const { token } = await createApiToken({ email: (await testActor(userId)).email, name: "test" });
    return apiLoader(
      args(anonymousRequest(`/api/v1/reports?${query}`, { headers: { authorization: `Bearer ${token}` } })),
    ) as Promise<Response>;
  };

  it("returns the same JSON as buildReport: exact for the team, protected for the others", async () => {
    const response = await call(ids.responsable, `niveau=structure&id=${metz}&periode=2026-Q3`);
    expect(response.status).toBe(200);
    const body = await response.json();
    const expected = await buildReport(responsable, { level: "structure", id: metz, period: parsePeriod("2026-Q3")! });
    expect(body).toEqual(JSON.parse(JSON.stringify(expected)));
    const genre = body.repartitions.find((row: { dimension: string }) => row.dimension === "genre").lignes;
    expect(genre.find((row: { cle: string }) => row.cle === "femme")).toMatchObject({ passages: 1, masque: false });
    const outside = await call(ids.coordinateur57, `niveau=structure&id=${metz}&periode=2026-Q3`);
    const protectedBody = await outside.json();
    expect(protectedBody.diffusion).toEqual({ protege: true, repartitions: false });
    expect(protectedBody.repartitions.every((row: { lignes: unknown[] }) => row.lignes.length === 0)).toBe(true);
  });

  it("refuses a custom period to a coordinateur with a French 400", async () => {
    const response = await call(ids.coordinateur57, "niveau=departement&id=57&periode=2026-07-01..2026-07-20");
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("un mois, un trimestre ou une année entiers");
  });

  it("answers French JSON errors: 400 for bad parameters, 403 outside the scope", async () => {
    const bad = await call(ids.coordinateur57, "niveau=departement&id=57&periode=hier");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: "validation.failed", fields: { periode: [expect.stringContaining("Période invalide")] } },
    });
    const outside = await call(ids.coordinateur92, "niveau=departement&id=57&periode=2026-Q3");
    expect(outside.status).toBe(403);
    expect(await outside.json()).toMatchObject({ error: { code: "pilotage.scope_forbidden" } });
  });
});

describe("anonymised records export", () => {
  const records = async (userId: string, query: string) =>
    outcome(async () => recordsLoader(args(await sessionRequest(userId, `/pilotage/enregistrements.csv?${query}`))));

  it("one line per live sollicitation, no free text, no id, no agent, rare values masked", async () => {
    const result = await records(ids.responsable, `niveau=structure&id=${metz}&periode=2026-Q3`);
    expect(result.status).toBe(200);
    const response = result.body as Response;
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="guichet-enregistrements-structure-${metz}-2026-Q3.csv"`,
    );
    const text = await csvText(response);
    expect(text).not.toContain(PRECISION_MARKER);
    expect(text).not.toContain(DELETED_MARKER);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(text).not.toContain("Camille");
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...RECORD_COLUMNS]);
    expect(rows).toHaveLength(9);
    expect(rows.map((row) => row[0])).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    const column = (name: (typeof RECORD_COLUMNS)[number]) => rows.map((row) => row[header.indexOf(name)]);
    expect(column("Date")).toEqual([
      "06/07/2026",
      "06/07/2026",
      "12/08/2026",
      "10/09/2026",
      "15/09/2026",
      "15/09/2026",
      "15/09/2026",
      "15/09/2026",
      "15/09/2026",
    ]);
    expect(column("Canal")).not.toContain("Visioconférence");
    expect(column("Genre").filter((value) => value === "Homme")).toHaveLength(5);
    expect(column("Genre")).not.toContain("Femme");
    expect(column("Commune de résidence")).not.toContain("Thionville (57)");
    expect(column("Commune de résidence")).toContain("masqué");
    expect(column("Signalements")).toContain("Non-recours aux droits identifié");
    expect(column("Partenaires")).toContain("France Titres");
  });

  it("stays with the structure's responsable: refused to coordinateurs, national and other structures", async () => {
    // A line per demand can be unique on date, age, genre and commune (ADR 021).
    expect((await records(ids.coordinateur57, "niveau=departement&id=57&periode=2026-Q3")).status).toBe(403);
    expect((await records(ids.coordinateur57, `niveau=structure&id=${metz}&periode=2026-Q3`)).status).toBe(403);
    expect((await records(ids.coordinateur92, "niveau=departement&id=57&periode=2026-Q3")).status).toBe(403);
    expect((await records(ids.mixed, `niveau=structure&id=${metz}&periode=2026-Q3`)).status).toBe(403);
    expect((await records(ids.national, "niveau=national&periode=2026-Q3")).status).toBe(403);
    expect((await records(ids.responsable, "niveau=structure&periode=2026-Q3")).status).toBe(400);
    expect((await records(ids.responsable, `niveau=structure&id=${metz}&periode=2025-01-01..2026-12-31`)).status).toBe(
      400,
    );
  });

  it("is not offered to agents", async () => {
    expect((await records(ids.agentMetz, `niveau=structure&id=${metz}&periode=2026-Q3`)).status).toBe(403);
  });
});
