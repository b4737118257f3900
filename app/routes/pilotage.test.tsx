import { renderToString } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { passageSchema } from "../../src/accueil/accueil.schema";
import { recordPassage } from "../../src/accueil/record-passage.server";
import { foldRollups } from "../../src/pilotage/rollups.server";
import { outcome, routeArgs } from "../../src/test/auth-support";
import { createTestStructure, createTestUser, sessionRequest, testActor } from "../../src/test/factories";
import type { DashboardPage } from "../components/pilotage/dashboard-links";
import * as index from "./pilotage";
import * as departement from "./pilotage.departements.$code";
import * as national from "./pilotage.national";
import * as structure from "./pilotage.structures.$id";

/** Today, for these tests: the current quarter is 2026-Q4, the activity below is in 2026-Q3. */
const NOW = new Date("2026-10-10T10:00:00Z");
const SINCE = "2026-01-01";

let metz: string;
let thionville: string;
let agent: string;
let responsable: string;
let agentAutre: string;
let coordinateur57: string;
let coordinateur92: string;
let nationalUser: string;

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
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  metz = await createTestStructure({ nom: "FS Metz", departement: "57", communeInsee: "57463", codePostal: "57000" });
  thionville = await createTestStructure({
    nom: "FS Thionville",
    departement: "57",
    communeInsee: "57672",
    codePostal: "57100",
  });
  const other = await createTestStructure({ nom: "FS Antony" });
  agent = (await createTestUser([{ role: "agent", structureId: metz, startsOn: SINCE }])).userId;
  responsable = (await createTestUser([{ role: "responsable", structureId: metz, startsOn: SINCE }])).userId;
  agentAutre = (await createTestUser([{ role: "agent", structureId: other, startsOn: SINCE }])).userId;
  const agentThionville = (await createTestUser([{ role: "agent", structureId: thionville, startsOn: SINCE }])).userId;
  coordinateur57 = (await createTestUser([{ role: "coordinateur", departement: "57", startsOn: SINCE }])).userId;
  coordinateur92 = (await createTestUser([{ role: "coordinateur", departement: "92", startsOn: SINCE }])).userId;
  nationalUser = (await createTestUser([{ role: "national", startsOn: SINCE }])).userId;
  const record = async (userId: string, debut: string, values: Record<string, unknown>) =>
    recordPassage(await testActor(userId), passageSchema.parse({ debut, ...values }));
  // Metz, 2026-Q3: 3 passages, 4 sollicitations; one passage gives a genre (a cell of 1: masked).
  await record(agent, "2026-07-06T08:00:00Z", { dureeMinutes: 10, genre: "femme", sollicitations: [caf, titres] });
  await record(agent, "2026-08-12T09:00:00Z", { dureeMinutes: 30, canal: "telephone", sollicitations: [caf] });
  await record(responsable, "2026-09-15T09:00:00Z", { sollicitations: [titres] });
  // Metz, 2026-Q2: 1 passage. Thionville: active 5 days ago.
  await record(agent, "2026-05-04T08:00:00Z", { sollicitations: [caf] });
  await record(agentThionville, "2026-10-05T08:00:00Z", { sollicitations: [caf] });
  // The département's average on a structure's dashboard is as of the last fold (ADR 023).
  await foldRollups();
});

afterAll(() => {
  vi.useRealTimers();
});

async function page(
  module: { loader: (args: never) => Promise<unknown> },
  userId: string,
  path: string,
  params: Record<string, string>,
) {
  const result = await outcome(async () => module.loader(routeArgs(await sessionRequest(userId, path), params)));
  return { ...result, page: result.data as DashboardPage };
}

function render(Component: React.ComponentType<never>, path: string, loaderData: unknown): string {
  const Stub = createRoutesStub([
    { id: "page", path: path.split("?")[0], Component: Component as React.ComponentType, loader: () => null },
  ]);
  return renderToString(<Stub initialEntries={[path]} hydrationData={{ loaderData: { page: loaderData } }} />)
    .replace(/<!-- -->/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "’");
}

describe("/pilotage", () => {
  it("sends each actor to their natural level, keeping the period", async () => {
    const go = async (userId: string, path = "/pilotage") =>
      (await outcome(async () => index.loader(routeArgs(await sessionRequest(userId, path))))).location;
    expect(await go(agent)).toBe(`/pilotage/structures/${metz}`);
    expect(await go(responsable, "/pilotage?periode=2026-Q3")).toBe(`/pilotage/structures/${metz}?periode=2026-Q3`);
    expect(await go(coordinateur57)).toBe("/pilotage/departements/57");
    expect(await go(nationalUser)).toBe("/pilotage/national");
  });
});

describe("structure dashboard", () => {
  it("shows the current quarter by default, with a previous link and no link into the future", async () => {
    const { status, page: data } = await page(structure, responsable, `/pilotage/structures/${metz}`, { id: metz });
    expect(status).toBe(200);
    expect(data.periode).toMatchObject({ code: "2026-Q4", du: "2026-10-01", au: "2026-12-31" });
    expect(data.precedente?.href).toBe(`/pilotage/structures/${metz}?periode=2026-Q3`);
    expect(data.suivante).toBeNull();
    expect(data.form.values).toEqual({ type: "trimestre", date: "2026-10-01", du: "2026-10-01", au: "2026-12-31" });
    // The evolution stops today (10 October): the weeks and months to come are not drawn as empty ones.
    expect(data.report!.evolution.parMois.map((point) => point.debut)).toEqual(["2026-10-01"]);
    expect(data.report!.evolution.parSemaine.map((point) => point.debut)).toEqual(["2026-09-28", "2026-10-05"]);
  });

  it("gives the responsable the quarter's figures, comparisons, filled evolution, per-agent breakdown and export links", async () => {
    const { status, page: data } = await page(structure, responsable, `/pilotage/structures/${metz}?periode=2026-Q3`, {
      id: metz,
    });
    expect(status).toBe(200);
    const report = data.report!;
    expect(report.data.totaux).toMatchObject({
      passages: 3,
      sollicitations: 4,
      dureeMoyenneMinutes: 20,
      partResoluSurPlace: 50,
    });
    expect(report.data.periodePrecedente).toMatchObject({ passages: 1, sollicitations: 1 });
    expect(report.data.moyenneDepartement).toMatchObject({ structures: 2, passages: 1.5 });
    expect(report.evolution.parMois.map((point) => [point.debut, point.passages])).toEqual([
      ["2026-07-01", 1],
      ["2026-08-01", 1],
      ["2026-09-01", 1],
    ]);
    // Every week of the quarter, the empty ones included: 29 June (week 27) to 28 September (week 40).
    expect(report.evolution.parSemaine).toHaveLength(14);
    expect(report.evolution.parSemaine[0]).toEqual({ debut: "2026-06-29", passages: 0, sollicitations: 0 });
    expect(report.evolution.parSemaine[1]).toEqual({ debut: "2026-07-06", passages: 1, sollicitations: 2 });
    expect(report.repartitions.find((r) => r.dimension === "partenaire")).toMatchObject({
      mesure: "sollicitations",
      total: 4,
    });
    expect(report.repartitions.find((r) => r.dimension === "canal")).toMatchObject({ mesure: "passages", total: 3 });
    expect(report.repartitions.some((r) => r.dimension === "agent")).toBe(true);
    expect(report.exports.rapport.pdf).toBe(`/pilotage/export?niveau=structure&id=${metz}&periode=2026-Q3&format=pdf`);
    expect(report.exports.rapport.xlsx).toBe(
      `/pilotage/export?niveau=structure&id=${metz}&periode=2026-Q3&format=xlsx`,
    );
    expect(report.exports.bilanAnnuel.page).toBe(`/pilotage/structures/${metz}?periode=2026`);
    expect(report.exports.csv.canal).toBe(
      `/pilotage/export?niveau=structure&id=${metz}&periode=2026-Q3&format=csv&dimension=canal`,
    );
    expect(data.suivante?.href).toBe(`/pilotage/structures/${metz}?periode=2026-Q4`);
  });

  it("hides the per-agent breakdown from an agent", async () => {
    const { page: data } = await page(structure, agent, `/pilotage/structures/${metz}?periode=2026-Q3`, { id: metz });
    expect(data.report!.repartitions.some((r) => r.dimension === "agent")).toBe(false);
  });

  it("turns the period form into the canonical address", async () => {
    const go = async (query: string) =>
      (await page(structure, agent, `/pilotage/structures/${metz}?${query}`, { id: metz })).location;
    expect(await go("type=mois&date=2026-08-12&du=&au=")).toBe(`/pilotage/structures/${metz}?periode=2026-08`);
    expect(await go("type=semaine&date=2026-09-15")).toBe(`/pilotage/structures/${metz}?periode=2026-W38`);
    expect(await go("type=trimestre&date=2026-08-12")).toBe(`/pilotage/structures/${metz}?periode=2026-Q3`);
    expect(await go("type=annee&date=2026-08-12")).toBe(`/pilotage/structures/${metz}?periode=2026`);
    expect(await go("type=jour&date=2026-08-12")).toBe(`/pilotage/structures/${metz}?periode=2026-08-12`);
    expect(await go("type=personnalise&date=&du=2026-07-01&au=2026-07-31")).toBe(
      `/pilotage/structures/${metz}?periode=${encodeURIComponent("2026-07-01..2026-07-31")}`,
    );
  });

  it("answers 400 with a French message per field and the values kept when the period form is wrong", async () => {
    const { status, page: data } = await page(
      structure,
      agent,
      `/pilotage/structures/${metz}?type=personnalise&date=&du=2026-09-01&au=2026-08-01`,
      { id: metz },
    );
    expect(status).toBe(400);
    expect(data.report).toBeNull();
    expect(data.form.errors).toEqual({ au: "La date de fin doit être le même jour que la date de début ou après." });
    expect(data.form.values).toEqual({ type: "personnalise", date: "", du: "2026-09-01", au: "2026-08-01" });
    const html = render(structure.default as never, `/pilotage/structures/${metz}?type=personnalise`, data);
    expect(html).toMatch(/<input[^>]*id="periode-au"[^>]*aria-invalid="true"[^>]*>/);
    expect(html).toMatch(/<input[^>]*id="periode-au"[^>]*value="2026-08-01"/);
    expect(html).toContain(
      '<p id="periode-au-erreur" class="fr-error-text">La date de fin doit être le même jour que la date de début ou après.</p>',
    );
    const outOfRange = await page(structure, agent, `/pilotage/structures/${metz}?type=annee&date=1999-05-01`, {
      id: metz,
    });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.page.form.errors).toEqual({ date: "Choisissez une période comprise entre 2000 et 2100." });
  });

  it("answers 400 with the French message when the period code is invalid", async () => {
    for (const code of ["2026-Q5", "2026-13", "hier", "2026-03-01..2026-02-01", "0000", "1999-Q4"]) {
      const { status, page: data } = await page(
        structure,
        agent,
        `/pilotage/structures/${metz}?periode=${encodeURIComponent(code)}`,
        { id: metz },
      );
      expect(status, code).toBe(400);
      expect(data.form.formError).toBe(
        "Période invalide : utilisez 2026, 2026-Q3, 2026-09, 2026-W38, 2026-09-15 ou 2026-01-01..2026-03-31.",
      );
      expect(data.report).toBeNull();
    }
  });

  it("is not found for an agent of another structure, and for an unknown id", async () => {
    expect((await page(structure, agentAutre, `/pilotage/structures/${metz}`, { id: metz })).status).toBe(404);
    expect(
      (await page(structure, agentAutre, `/pilotage/structures/${metz}?periode=nimporte`, { id: metz })).status,
    ).toBe(404);
    expect((await page(structure, agent, "/pilotage/structures/inconnue", { id: "inconnue" })).status).toBe(404);
  });

  it("renders totals, charts each paired with its table, the team's exact small counts, and the download links", async () => {
    const { page: data } = await page(structure, responsable, `/pilotage/structures/${metz}?periode=2026-Q3`, {
      id: metz,
    });
    const html = render(structure.default as never, `/pilotage/structures/${metz}?periode=2026-Q3`, data);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    expect(html).toContain("<h1>Pilotage : FS Metz</h1>");
    expect(html).toMatch(/data-testid="total-passages">3</);
    expect(html).toMatch(/data-testid="total-sollicitations">4</);
    expect(html).toContain("+200\u202f% par rapport à la période précédente");
    const charts = html.match(/<svg role="img"/g)!.length;
    const chartTables = html.match(/<div class="fr-table[^"]*" id="[a-z-]+-tableau">/g)!.length;
    expect(charts).toBeGreaterThan(5);
    expect(chartTables).toBe(charts);
    expect(html).toMatch(/<caption[^>]*>Par genre<\/caption>/);
    // The structure's own team sees its own exact figures (ADR 021).
    expect(html).toMatch(/<th scope="row">Femme<\/th><td>1 \(/);
    expect(html).not.toMatch(/<th scope="row">[^<]*<\/th><td>masqué/);
    expect(html).toMatch(/<caption[^>]*>Par agent<\/caption>/);
    expect(html).toContain(`href="/pilotage/export?niveau=structure&id=${metz}&periode=2026-Q3&format=pdf"`);
    expect(html).toMatch(/>Rapport trimestriel \(PDF\)</);
    expect(html).toMatch(/>Tableur \(XLSX\)</);
    expect(html).toContain("Bilan annuel 2026 (PDF)");
    expect(html).toContain("Période précédente");
    expect(html).toContain("Période suivante");
  });
});

describe("département dashboard", () => {
  it("is forbidden to a coordinateur of another département", async () => {
    const { status } = await page(departement, coordinateur92, "/pilotage/departements/57", { code: "57" });
    expect(status).toBe(403);
  });

  it("ranks the structures and alerts on those without activity for 14 days", async () => {
    const { status, page: data } = await page(
      departement,
      coordinateur57,
      "/pilotage/departements/57?periode=2026-Q3",
      { code: "57" },
    );
    expect(status).toBe(200);
    // Outside the teams, 4 demands are below the threshold: masked, with the département's total.
    expect(data.report!.data.structures!.map((row) => [row.nom, row.sollicitations, row.sansSaisie])).toEqual([
      ["FS Metz", null, true],
      ["FS Thionville", 0, false],
    ]);
    expect(data.report!.data.totaux.passages).toBeNull();
    expect(data.form.kinds.map((kind) => kind.value)).toEqual(["mois", "trimestre", "annee"]);
    expect(data.niveaux.map((link) => [link.label, link.current])).toEqual([["Département 57 — Moselle", true]]);
    const html = render(departement.default as never, "/pilotage/departements/57?periode=2026-Q3", data);
    expect(html).toContain("<h1>Pilotage du département 57 — Moselle</h1>");
    expect(html).toContain("1 structure sans saisie depuis 14 jours ou plus");
    expect(html).toContain(
      `<a href="/pilotage/structures/${metz}?periode=2026-Q3">FS Metz</a> — dernière saisie le 15/09/2026`,
    );
    expect(html).toMatch(
      /<caption[^>]*>Classement des structures par nombre de sollicitations : 3e trimestre 2026<\/caption>/,
    );
  });

  it("refuses a custom period or a day to a coordinateur with a French message on the period type", async () => {
    for (const query of ["type=personnalise&du=2026-07-01&au=2026-07-20", "type=jour&date=2026-07-06"]) {
      const { status, page: data } = await page(departement, coordinateur57, `/pilotage/departements/57?${query}`, {
        code: "57",
      });
      expect(status).toBe(400);
      expect(data.form.errors.type).toContain("un mois, un trimestre ou une année entiers");
    }
    const code = await page(departement, coordinateur57, "/pilotage/departements/57?periode=2026-W28", { code: "57" });
    expect(code.status).toBe(400);
    expect(code.page.form.formError).toContain("un mois, un trimestre ou une année entiers");
  });
});

describe("national dashboard", () => {
  it("links a structure's dashboard to the other levels the national role may see", async () => {
    const { page: data } = await page(structure, nationalUser, `/pilotage/structures/${metz}?periode=2026-Q3`, {
      id: metz,
    });
    expect(data.niveaux).toEqual([
      { href: "/pilotage/national?periode=2026-Q3", label: "National", current: false },
      { href: "/pilotage/departements/57?periode=2026-Q3", label: "Département 57 — Moselle", current: false },
    ]);
    expect(data.report!.repartitions.some((r) => r.dimension === "agent")).toBe(false);
    const html = render(structure.default as never, `/pilotage/structures/${metz}?periode=2026-Q3`, data);
    expect(html).toContain(
      '<a class="fr-tag" href="/pilotage/departements/57?periode=2026-Q3">Département 57 — Moselle</a>',
    );
  });

  it("is forbidden below the national level", async () => {
    expect((await page(national, coordinateur57, "/pilotage/national", {})).status).toBe(403);
  });

  it("lists the départements with links, no formats, and leaves out the breakdowns kept per structure only", async () => {
    const { status, page: data } = await page(national, nationalUser, "/pilotage/national?periode=2026-Q3", {});
    expect(status).toBe(200);
    expect(data.report!.data.departements!.find((row) => row.code === "57")).toMatchObject({
      passages: null,
      sollicitations: null,
    });
    expect(data.report!.repartitions.some((r) => r.dimension === "commune")).toBe(false);
    const html = render(national.default as never, "/pilotage/national?periode=2026-Q3", data);
    expect(html).toContain('<a href="/pilotage/departements/57?periode=2026-Q3">57 — Moselle</a>');
    expect(html).not.toMatch(/<caption[^>]*>Par format de structure<\/caption>/);
    expect(html).toContain("/pilotage/export?niveau=national&periode=2026-Q3&format=xlsx");
  });
});
