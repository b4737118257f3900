import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../acces/actor.server";
import { passageSchema } from "../accueil/accueil.schema";
import { recordPassage } from "../accueil/record-passage.server";
import { createTestStructure, createTestUser, testActor } from "../test/factories";
import { parsePeriod } from "./period";
import { buildReport } from "./report.server";
import { foldRollups } from "./rollups.server";

/** A small fixed dataset whose figures are computed by hand below. */
let metz: string;
let thionville: string;
let responsable: Actor;
let coordinateur57: Actor;
let coordinateur92: Actor;
let national: Actor;
let agentMetz: Actor;

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
  const a = await createTestUser([{ role: "agent", structureId: metz }]);
  const b = await createTestUser([{ role: "agent", structureId: thionville }]);
  agentMetz = await testActor(a.userId);
  const agentThionville = await testActor(b.userId);
  responsable = await testActor((await createTestUser([{ role: "responsable", structureId: metz }])).userId);
  coordinateur57 = await testActor((await createTestUser([{ role: "coordinateur", departement: "57" }])).userId);
  coordinateur92 = await testActor((await createTestUser([{ role: "coordinateur", departement: "92" }])).userId);
  national = await testActor((await createTestUser([{ role: "national" }])).userId);
  const record = (actor: Actor, debut: string, values: Record<string, unknown>) =>
    recordPassage(actor, passageSchema.parse({ debut, ...values }));
  // Metz, Q3: 3 passages, 4 sollicitations.
  await record(agentMetz, "2026-07-06T08:00:00Z", { dureeMinutes: 10, genre: "femme", sollicitations: [caf, titres] });
  await record(agentMetz, "2026-08-12T09:00:00Z", { dureeMinutes: 30, canal: "telephone", sollicitations: [caf] });
  await foldRollups();
  await record(agentMetz, "2026-09-30T20:30:00Z", { sollicitations: [titres] }); // 22:30 in Paris: still 30 September
  // Metz, Q2: 1 passage. Thionville, Q3: 1 passage (pending, never folded).
  await record(agentMetz, "2026-05-04T08:00:00Z", { sollicitations: [caf] });
  await record(agentThionville, "2026-07-15T08:00:00Z", { sollicitations: [caf] });
});

describe("reports", () => {
  it("match the hand-computed figures for a structure's quarter, folded or pending", async () => {
    const report = await buildReport(responsable, { level: "structure", id: metz, period: parsePeriod("2026-Q3")! });
    expect(report.totaux).toEqual({
      passages: 3,
      sollicitations: 4,
      dureeMoyenneMinutes: 20,
      attenteMoyenneMinutes: null,
      partResoluSurPlace: 50,
    });
    expect(report.periodePrecedente).toMatchObject({ passages: 1, sollicitations: 1 });
    // The département's average is as of the last fold (ADR 023): Metz's 2 folded passages (3 sollicitations),
    // not its pending one nor Thionville's, over 2 structures.
    expect(report.moyenneDepartement).toEqual({ departement: "57", structures: 2, passages: 1, sollicitations: 1.5 });
    const partenaires = report.repartitions.find((r) => r.dimension === "partenaire")!.lignes;
    expect(partenaires.map((row) => [row.libelle, row.passages, row.sollicitations])).toEqual([
      ["CAF", 2, 2],
      ["France Titres", 2, 2],
    ]);
    expect(
      report.repartitions.find((r) => r.dimension === "canal")!.lignes.map((row) => [row.cle, row.passages]),
    ).toEqual([
      ["accueil_physique", 2],
      ["telephone", 1],
    ]);
    expect(report.evolution.parMois).toEqual([
      { debut: "2026-07-01", passages: 1, sollicitations: 2 },
      { debut: "2026-08-01", passages: 1, sollicitations: 1 },
      { debut: "2026-09-01", passages: 1, sollicitations: 1 },
    ]);
    expect(report.repartitions.some((r) => r.dimension === "agent")).toBe(true);
  });

  it("gives the structure's own team its exact figures, small ones and custom periods included", async () => {
    const report = await buildReport(responsable, { level: "structure", id: metz, period: parsePeriod("2026-Q3")! });
    const genre = report.repartitions.find((r) => r.dimension === "genre")!.lignes;
    expect(genre.find((row) => row.cle === "femme")).toMatchObject({ passages: 1, sollicitations: 2, masque: false });
    expect(report.diffusion).toEqual({ protege: false, repartitions: true });
    const custom = await buildReport(agentMetz, {
      level: "structure",
      id: metz,
      period: parsePeriod("2026-07-01..2026-07-10")!,
    });
    expect(custom.totaux.passages).toBe(1);
  });

  it("refuses a period that is not a whole month, quarter or year outside the team, in French", async () => {
    for (const code of ["2026-07-01..2026-07-10", "2026-07-06", "2026-W28"]) {
      await expect(
        buildReport(coordinateur57, { level: "structure", id: metz, period: parsePeriod(code)! }),
      ).rejects.toMatchObject({ code: "pilotage.period_not_whole", status: 400 });
    }
    await expect(
      buildReport(national, { level: "national", id: null, period: parsePeriod("2026-07-01..2026-07-10")! }),
    ).rejects.toThrow("un mois, un trimestre ou une année entiers");
  });

  it("gives a structure's figures outside its team as suppressed totals without breakdowns", async () => {
    const report = await buildReport(coordinateur57, {
      level: "structure",
      id: metz,
      period: parsePeriod("2026-Q3")!,
    });
    expect(report.diffusion).toEqual({ protege: true, repartitions: false });
    expect(report.repartitions.every((r) => r.retenue && r.lignes.length === 0)).toBe(true);
    // 3 passages: below the threshold, hidden with its weeks, its months and its département's average.
    expect(report.totaux).toEqual({
      passages: null,
      sollicitations: null,
      dureeMoyenneMinutes: null,
      attenteMoyenneMinutes: null,
      partResoluSurPlace: null,
    });
    expect(report.evolution.parSemaine).toEqual([]);
    expect(report.evolution.parMois.every((point) => point.passages === null)).toBe(true);
    expect(report.moyenneDepartement).toMatchObject({ passages: null, sollicitations: null });
  });

  it("shows per-agent figures to the responsable only", async () => {
    const report = await buildReport(agentMetz, { level: "structure", id: metz, period: parsePeriod("2026-Q3")! });
    expect(report.repartitions.some((r) => r.dimension === "agent")).toBe(false);
  });

  it("ranks the département's structures and flags those without activity for 14 days", async () => {
    const report = await buildReport(coordinateur57, {
      level: "departement",
      id: "57",
      period: parsePeriod("2026-Q3")!,
    });
    // Outside the teams, 4 passages and their 3 + 1 are below the threshold: the ranking keeps its flags.
    expect(report.totaux).toMatchObject({ passages: null, sollicitations: null });
    expect(report.structures!.map((row) => [row.nom, row.sollicitations, row.sansSaisie])).toEqual([
      ["FS Metz", null, true],
      ["FS Thionville", null, true],
    ]);
  });

  it("keeps coordinateurs to their départements and agents to their structures", async () => {
    await expect(
      buildReport(coordinateur92, { level: "departement", id: "57", period: parsePeriod("2026-Q3")! }),
    ).rejects.toMatchObject({ code: "pilotage.scope_forbidden" });
    await expect(
      buildReport(coordinateur92, { level: "structure", id: metz, period: parsePeriod("2026-Q3")! }),
    ).rejects.toMatchObject({ code: "structure.not_found" });
    await expect(
      buildReport(agentMetz, { level: "structure", id: thionville, period: parsePeriod("2026-Q3")! }),
    ).rejects.toMatchObject({ code: "structure.not_found" });
    await expect(
      buildReport(agentMetz, { level: "national", id: null, period: parsePeriod("2026-Q3")! }),
    ).rejects.toMatchObject({ code: "pilotage.scope_forbidden" });
  });

  it("aggregates nationally by département, small ones suppressed, and no longer by format", async () => {
    const report = await buildReport(national, { level: "national", id: null, period: parsePeriod("2026-Q3")! });
    expect(report.departements!.find((row) => row.code === "57")).toMatchObject({
      passages: null,
      sollicitations: null,
    });
    expect(report.formats).toBeNull();
    expect(report.diffusion).toEqual({ protege: true, repartitions: true });
  });
});
