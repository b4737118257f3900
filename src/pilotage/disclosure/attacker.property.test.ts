import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../acces/actor.server";
import { passageSchema } from "../../accueil/accueil.schema";
import { recordPassage } from "../../accueil/record-passage.server";
import { isAppError } from "../../platform/app-error";
import { shiftDay } from "../../platform/time";
import { createTestStructure, createTestUser, testActor } from "../../test/factories";
import { aggregateByDimension, STRUCTURE_ONLY_DIMENSIONS } from "../aggregate.server";
import { buildReport, type Report } from "../report.server";
import { parseReportRequest } from "../report-request";
import { foldRollups } from "../rollups.server";
import { attack, type PublishedFigure } from "./attack";

/**
 * The attacker test (issue 12): random activity in two départements, then every report the
 * coordinateurs and the national role can ask for (through parseReportRequest and buildReport, what
 * the export route, the API, the dashboards and the CLI call), then an attack on all of them at
 * once: totals and margins, bounds, differencing of periods and of levels. No count below the
 * threshold may be recovered: not shown, not computed, not bounded between 1 and 4.
 */
const THRESHOLD = 5;
const MONTHS = ["01", "02", "03"];
const DAYS_OF_MONTH = ["05", "20"];
/** Breakdowns whose rows add up to the total, per measure; the others are bounded by it. */
const ADDITIVE: Record<string, Array<"passages" | "sollicitations">> = {
  canal: ["passages", "sollicitations"],
  rdv: ["passages", "sollicitations"],
  tranche_age: ["passages", "sollicitations"],
  genre: ["passages", "sollicitations"],
  commune: ["passages", "sollicitations"],
  premiere_visite: ["passages", "sollicitations"],
  duree: ["passages", "sollicitations"],
  attente: ["passages", "sollicitations"],
  issue: ["sollicitations"],
  autonomie: ["sollicitations"],
};
const MEASURES = ["passages", "sollicitations"] as const;

const DEMANDES = [
  {
    partenaires: ["caf"],
    situations: ["allocation_logement"],
    aides: ["demarche_en_ligne"],
    autonomie: "partiellement",
    issue: "resolu_sur_place",
  },
  {
    partenaires: ["france_titres"],
    situations: ["papiers_identite"],
    aides: ["information"],
    autonomie: "entierement",
    issue: "rdv_partenaire",
    signalements: ["difficulte_numerique"],
  },
  {
    horsPartenaires: true,
    aides: ["outils_numeriques"],
    autonomie: "autonome",
    issue: "resolu_sur_place",
  },
];

const passageArbitrary = fc.record({
  structure: fc.constantFrom(0, 0, 0, 1, 2, 3),
  month: fc.nat({ max: MONTHS.length - 1 }),
  day: fc.nat({ max: DAYS_OF_MONTH.length - 1 }),
  canal: fc.constantFrom("accueil_physique", "telephone"),
  trancheAge: fc.constantFrom("moins_26", "40_54", "75_plus"),
  genre: fc.constantFrom("femme", "homme"),
  commune: fc.constantFrom("57463", "57672", "88160"),
  demandes: fc.array(fc.constantFrom(...DEMANDES), { minLength: 1, maxLength: 2 }),
});

type Unit = { key: string; level: "structure" | "departement" | "national"; id: string | null; structures: string[] };
type StructureInfo = { id: string; departement: string; format: string; agent: Actor };

let structures: StructureInfo[] = [];
let attackers: Array<{ name: string; actor: Actor; units: Unit[] }> = [];
let run = 0;

beforeAll(async () => {
  const plan = [
    { departement: "57", format: "fixe" },
    { departement: "57", format: "bus" },
    { departement: "57", format: "fixe" },
    { departement: "88", format: "fixe" },
  ];
  structures = [];
  for (const { departement, format } of plan) {
    const id = await createTestStructure({ departement, format, codePostal: `${departement}000` });
    const agent = await testActor(
      (await createTestUser([{ role: "agent", structureId: id }], { password: null })).userId,
    );
    structures.push({ id, departement, format, agent });
  }
  const inDepartement = (code: string) => structures.filter((s) => s.departement === code).map((s) => s.id);
  const departementUnit = (code: string): Unit => ({
    key: `d:${code}`,
    level: "departement",
    id: code,
    structures: inDepartement(code),
  });
  const structureUnits = (codes: string[]): Unit[] =>
    structures
      .filter((s) => codes.includes(s.departement))
      .map((s) => ({ key: `s:${s.id}`, level: "structure", id: s.id, structures: [s.id] }));
  const coordinateur = async (code: string) =>
    testActor((await createTestUser([{ role: "coordinateur", departement: code }], { password: null })).userId);
  attackers = [
    {
      name: "coordinateur 57",
      actor: await coordinateur("57"),
      units: [departementUnit("57"), ...structureUnits(["57"])],
    },
    {
      name: "coordinateur 88",
      actor: await coordinateur("88"),
      units: [departementUnit("88"), ...structureUnits(["88"])],
    },
    {
      name: "national",
      actor: await testActor((await createTestUser([{ role: "national" }], { password: null })).userId),
      units: [
        { key: "n", level: "national", id: null, structures: structures.map((s) => s.id) },
        departementUnit("57"),
        departementUnit("88"),
        ...structureUnits(["57", "88"]),
      ],
    },
  ];
});

const atomKey = (structure: string, day: string, dimension: string, valeur: string, measure: string) =>
  `${structure}|${day}|${dimension}|${valeur}|${measure}`;

/** The days of [start, end] within [from, to]. */
function clamp(start: string, end: string, from: string, to: string): [string, string] {
  return [[start, from].sort()[1], [end, to].sort()[0]];
}

/** Every day of [from, to] that has activity. */
const daysWithin = (days: string[], from: string, to: string) => days.filter((day) => day >= from && day <= to);

/** The figures a report publishes, each as a sum of atoms with what the report says of it. */
function figuresOf(
  report: Report,
  unit: Unit,
  days: string[],
  universe: Map<string, Set<string>>,
  byId: Map<string, StructureInfo>,
): PublishedFigure[] {
  const figures: PublishedFigure[] = [];
  const { du: from, au: to } = report.periode;
  const add = (
    unitKey: string,
    ids: string[],
    range: [string, string],
    dimension: string,
    valeur: string,
    measure: string,
    lo: number,
    hi: number,
  ) => {
    const atoms = ids.flatMap((id) =>
      daysWithin(days, range[0], range[1]).map((day) => atomKey(id, day, dimension, valeur, measure)),
    );
    figures.push({ key: `${unitKey}|${range[0]}..${range[1]}|${dimension}|${valeur}|${measure}`, atoms, lo, hi });
  };
  const exact = (
    unitKey: string,
    ids: string[],
    range: [string, string],
    values: { passages?: number | null; sollicitations?: number | null },
  ) => {
    for (const measure of MEASURES) {
      const value = values[measure];
      if (typeof value === "number") add(unitKey, ids, range, "total", "", measure, value, value);
    }
  };
  exact(unit.key, unit.structures, [from, to], report.totaux);
  const share = report.totaux.partResoluSurPlace;
  if (typeof share === "number" && typeof report.totaux.sollicitations === "number") {
    const total = report.totaux.sollicitations;
    add(
      unit.key,
      unit.structures,
      [from, to],
      "issue",
      "resolu_sur_place",
      "sollicitations",
      Math.ceil(((share - 0.05) / 100) * total - 1e-9),
      Math.floor(((share + 0.05) / 100) * total + 1e-9),
    );
  }
  for (const breakdown of report.repartitions) {
    if (breakdown.dimension === "agent") continue;
    if (unit.level === "national" && STRUCTURE_ONLY_DIMENSIONS.includes(breakdown.dimension)) continue;
    if ((breakdown as { retenue?: boolean }).retenue) continue;
    const listed = new Set<string>();
    for (const row of breakdown.lignes) {
      listed.add(row.cle);
      for (const measure of MEASURES) {
        const value = row[measure];
        if (row.masque || value === null)
          add(unit.key, unit.structures, [from, to], breakdown.dimension, row.cle, measure, 1, Infinity);
        else add(unit.key, unit.structures, [from, to], breakdown.dimension, row.cle, measure, value, value);
      }
    }
    for (const valeur of universe.get(breakdown.dimension) ?? []) {
      if (listed.has(valeur)) continue;
      for (const measure of MEASURES)
        add(unit.key, unit.structures, [from, to], breakdown.dimension, valeur, measure, 0, 0);
    }
  }
  for (const point of report.evolution.parMois) {
    const monthEnd = shiftDay(`${shiftDay(point.debut, 32).slice(0, 7)}-01`, -1);
    exact(unit.key, unit.structures, clamp(point.debut, monthEnd, from, to), point);
  }
  for (const point of report.evolution.parSemaine) {
    const sunday = shiftDay(point.debut, 6);
    exact(unit.key, unit.structures, clamp(point.debut, sunday, from, to), point);
  }
  const previous = report.periodePrecedente;
  exact(unit.key, unit.structures, [previous.du, previous.au], previous);
  const average = report.moyenneDepartement;
  if (average && typeof average.passages === "number" && average.structures > 0) {
    const ids = [...byId.values()].filter((s) => s.departement === average.departement).map((s) => s.id);
    for (const measure of MEASURES) {
      const value = average[measure];
      if (typeof value !== "number") continue;
      add(
        `d:${average.departement}`,
        ids,
        [from, to],
        "total",
        "",
        measure,
        Math.ceil((value - 0.05) * average.structures - 1e-9),
        Math.floor((value + 0.05) * average.structures + 1e-9),
      );
    }
  }
  for (const row of report.structures ?? []) exact(`s:${row.id}`, [row.id], [from, to], row);
  for (const row of report.departements ?? []) {
    const ids = [...byId.values()].filter((s) => s.departement === row.code).map((s) => s.id);
    exact(`d:${row.code}`, ids, [from, to], row);
  }
  for (const row of report.formats ?? []) {
    const ids = [...byId.values()].filter((s) => s.format === row.format).map((s) => s.id);
    exact(`f:${row.format}`, ids, [from, to], row);
  }
  return figures;
}

/** What the attacker knows without any report: each breakdown's rows add up to the total, or stay below it. */
function identities(days: string[], universe: Map<string, Set<string>>): PublishedFigure[] {
  const laws: PublishedFigure[] = [];
  for (const structure of structures) {
    for (const day of days) {
      for (const [dimension, values] of universe) {
        if (dimension === "total") continue;
        for (const measure of MEASURES) {
          const total = atomKey(structure.id, day, "total", "", measure);
          const rows = [...values].map((valeur) => atomKey(structure.id, day, dimension, valeur, measure));
          if (ADDITIVE[dimension]?.includes(measure))
            laws.push({
              key: `law|${structure.id}|${day}|${dimension}|${measure}`,
              atoms: [...rows, `-${total}`],
              lo: 0,
              hi: 0,
            });
          else
            for (const row of rows) laws.push({ key: `law|${row}`, atoms: [row, `-${total}`], lo: -Infinity, hi: 0 });
        }
      }
    }
  }
  return laws;
}

type AttackFigures = {
  reports: number;
  refused: number;
  tables: number;
  figures: number;
  masked: number;
  smallCounts: number;
  recovered: { shown: number; computed: number; bounded: number };
};

describe("disclosure control", () => {
  it("lets no attacker recover a count below the threshold from every report they may request", async () => {
    const totals: AttackFigures = {
      reports: 0,
      refused: 0,
      tables: 0,
      figures: 0,
      masked: 0,
      smallCounts: 0,
      recovered: { shown: 0, computed: 0, bounded: 0 },
    };
    const examples: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(passageArbitrary, { minLength: 12, maxLength: 50 }), async (passages) => {
        const year = 2021 + run++;
        const days = MONTHS.flatMap((month) => DAYS_OF_MONTH.map((day) => `${year}-${month}-${day}`));
        for (const passage of passages) {
          const structure = structures[passage.structure];
          const day = `${year}-${MONTHS[passage.month]}-${DAYS_OF_MONTH[passage.day]}`;
          await recordPassage(
            structure.agent,
            passageSchema.parse({
              debut: `${day}T09:15:00Z`,
              canal: passage.canal,
              trancheAge: passage.trancheAge,
              genre: passage.genre,
              communeResidence: passage.commune,
              sollicitations: passage.demandes,
            }),
          );
        }
        await foldRollups();

        // The truth: each structure's exact counts per day (what its own team sees).
        const truth = new Map<string, number>();
        const universe = new Map<string, Set<string>>();
        for (const structure of structures) {
          for (const day of days) {
            for (const row of await aggregateByDimension(
              { kind: "structure", structureId: structure.id },
              { from: day, to: day },
            )) {
              if (row.dimension === "agent") continue;
              if (!universe.has(row.dimension)) universe.set(row.dimension, new Set());
              universe.get(row.dimension)?.add(row.valeur);
              for (const measure of MEASURES)
                truth.set(atomKey(structure.id, day, row.dimension, row.valeur, measure), row[measure]);
            }
          }
        }

        const byId = new Map(structures.map((s) => [s.id, s]));
        const periods = [
          ...MONTHS.map((month) => `${year}-${month}`),
          `${year}-Q1`,
          String(year),
          // Differencing attempts: a month without its last days, a quarter without its last month.
          ...MONTHS.map((month) => `${year}-${month}-01..${year}-${month}-10`),
          `${year}-01-01..${year}-02-28`,
        ];
        const published: PublishedFigure[] = [];
        const targets: Array<{ key: string; atoms: string[] }> = [];
        for (const { actor, units } of attackers) {
          for (const unit of units) {
            for (const periode of periods) {
              const parsed = parseReportRequest({
                niveau: unit.level,
                id: unit.id ?? undefined,
                periode,
                format: "json",
              });
              if (!parsed.ok) {
                totals.refused++;
                continue;
              }
              let report: Report;
              try {
                report = await buildReport(actor, parsed.request);
              } catch (error) {
                if (isAppError(error) && error.status < 500) {
                  totals.refused++;
                  continue;
                }
                throw error;
              }
              totals.reports++;
              totals.tables +=
                1 +
                report.repartitions.length +
                (report.structures ? 1 : 0) +
                (report.departements ? 1 : 0) +
                (report.formats ? 1 : 0) +
                2;
              published.push(...figuresOf(report, unit, days, universe, byId));
            }
          }
        }
        // What the attacker wants beyond the reports: each structure's breakdowns per month.
        for (const structure of structures) {
          for (const month of MONTHS) {
            const monthDays = days.filter((day) => day.slice(5, 7) === month);
            for (const [dimension, values] of universe) {
              for (const valeur of values) {
                for (const measure of MEASURES) {
                  targets.push({
                    key: `target|${structure.id}|${month}|${dimension}|${valeur}|${measure}`,
                    atoms: monthDays.map((day) => atomKey(structure.id, day, dimension, valeur, measure)),
                  });
                }
              }
            }
          }
        }
        const result = attack(
          { published, identities: identities(days, universe), targets },
          (atom) => truth.get(atom) ?? 0,
          THRESHOLD,
        );
        totals.figures += result.figures;
        totals.masked += result.masked;
        totals.smallCounts += result.smallCounts;
        for (const item of result.recovered) {
          totals.recovered[item.how]++;
          if (examples.length < 5) examples.push(`${item.how} ${item.key} = ${item.value} in [${item.lo}, ${item.hi}]`);
        }
        return true;
      }),
      { numRuns: 3, seed: 1212, endOnFailure: true },
    );
    console.log(`disclosure attack: ${JSON.stringify(totals)}\n${examples.join("\n")}`);
    expect(totals.recovered).toEqual({ shown: 0, computed: 0, bounded: 0 });
  }, 300_000);
});
