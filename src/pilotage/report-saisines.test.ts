import { describe, expect, it } from "vitest";
import type { Report } from "./report.server";
import { reportCsv } from "./report-csv";
import { reportTables } from "./report-table";

const line = (libelle: string, nombre: number) => ({
  cle: libelle.toLowerCase(),
  libelle,
  nombre,
  premiereReponseMediane: 6.5,
  premiereReponseP90: 20,
  resolutionMediane: 30,
  resolutionP90: null,
  partEnRetard: 0.25,
  utilite: { utile: 3, ne_sait_pas: 1, pas_utile: 0 },
  reorientations: 1,
});

const report = {
  niveau: "structure",
  id: "x",
  libelle: "FS",
  periode: { code: "2026-Q3", du: "2026-07-01", au: "2026-09-30", libelle: "3e trimestre 2026" },
  totaux: {
    passages: 0,
    sollicitations: 0,
    dureeMoyenneMinutes: null,
    attenteMoyenneMinutes: null,
    partResoluSurPlace: null,
  },
  periodePrecedente: {
    du: "2026-04-01",
    au: "2026-06-30",
    libelle: "2e trimestre 2026",
    passages: 0,
    sollicitations: 0,
  },
  moyenneDepartement: null,
  evolution: { parSemaine: [], parMois: [] },
  repartitions: [],
  seuilMasquage: 5,
  structures: null,
  departements: null,
  formats: null,
  saisines: { total: line("Tous", 4), parPartenaire: [line("CAF", 4)], parGroupe: [], parDepartement: null },
} as unknown as Report;

describe("the saisines section of the quarterly report", () => {
  it("is a table of every export, with the total first", () => {
    const table = reportTables(report).find((candidate) => candidate.key === "saisines");
    expect(table?.rows.map((row) => row[0])).toEqual(["Tous partenaires", "CAF"]);
    expect(table?.rows[0]).toEqual(["Tous partenaires", 4, 6.5, 20, 30, null, 25, 3, 1, 0, 1]);
    expect(reportCsv(report, "saisines")).toContain("Tous partenaires;4;6,5;20;30;;25;3;1;0;1");
  });
  it("is absent from reports without saisines", () => {
    expect(reportTables({ ...report, saisines: undefined }).some((table) => table.key === "saisines")).toBe(false);
  });
});
