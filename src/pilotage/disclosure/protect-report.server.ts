import { eq } from "drizzle-orm";
import { db } from "../../db/client.server";
import { structures } from "../../db/schema";
import {
  aggregateByDimension,
  evolution,
  type Measures,
  type Scope,
  STRUCTURE_ONLY_DIMENSIONS,
  totalsBy,
} from "../aggregate.server";
import type { PendingRow } from "../pending-work.server";
import { knownPeriod, type Period, previousPeriod } from "../period";
import type { Report } from "../report-types";
import { breakdownFamily, listFamily, type Monthly, type RowsToTotal, yearCalendar } from "./families";
import { type Audience, breakdownsShown } from "./policy";

/**
 * Applies the disclosure policy (ADR 021) to a report computed with exact figures, for a reader
 * outside the structure's team. Every figure of the report is looked up in the family it belongs
 * to, suppressed as a whole: the totals of the départements and the nation, the totals of the
 * structures of the département, the breakdowns of the report's own unit, each over the calendar
 * year. A hidden figure becomes null (a breakdown row: `masque`), a withheld table `retenue`.
 */
export type ProtectedAudience = Extract<Audience, { kind: "protege" }>;

/** How each breakdown's rows relate to the total, per measure (passages, sollicitations). */
const ROWS_TO_TOTAL: Record<string, RowsToTotal> = {
  canal: ["sum", "sum"],
  rdv: ["sum", "sum"],
  tranche_age: ["sum", "sum"],
  genre: ["sum", "sum"],
  commune: ["sum", "sum"],
  premiere_visite: ["sum", "sum"],
  duree: ["sum", "sum"],
  attente: ["sum", "sum"],
  // One value per demand: the demands add up, a passage with two demands counts in two rows.
  issue: ["bound", "sum"],
  autonomie: ["bound", "sum"],
};
const BOUNDED: RowsToTotal = ["bound", "bound"];

const pair = (row: Pick<Measures, "passages" | "sollicitations">) => [row.passages, row.sollicitations];

/** The months of a year with any activity in the network: the others hold only zeros, not worth a read. */
async function activeMonths(year: string, queued: PendingRow[]): Promise<string[]> {
  const { month } = await evolution({ kind: "national" }, { from: `${year}-01-01`, to: `${year}-12-31` }, queued);
  const active = new Set(
    month.filter((point) => point.passages > 0 || point.sollicitations > 0).map((point) => point.debut.slice(0, 7)),
  );
  return yearCalendar(year)
    .filter((period) => period.parts.length === 0 && active.has(period.code))
    .map((period) => period.code);
}

type Totals = {
  national: (unit: string, code: string) => boolean;
  departement: ((unit: string, code: string) => boolean) | null;
};

/** Which totals are hidden in a year: départements and nation, then the structures of one département. */
async function totalsDecisions(
  year: string,
  months: string[],
  departement: string | null,
  queued: PendingRow[],
  threshold: number,
): Promise<Totals> {
  const byDepartement = await Promise.all(
    months.map(async (month) => {
      const rows = await totalsBy("departement", { kind: "national" }, knownPeriod(month), queued);
      return [month, new Map(rows.map((row) => [row.cle, pair(row)]))] as const;
    }),
  );
  const perMonth = new Map(byDepartement);
  const departements = [...new Set(byDepartement.flatMap(([, rows]) => [...rows.keys()]))];
  if (departement && !departements.includes(departement)) departements.push(departement);
  const sum = (rows: Map<string, number[]> | undefined) =>
    [...(rows?.values() ?? [])].reduce((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]);
  const national = listFamily({
    year,
    units: departements,
    monthly: (unit) => (code) => perMonth.get(code)?.get(unit),
    parent: { key: "national", monthly: (code) => sum(perMonth.get(code)) },
    threshold,
  });
  if (!departement) return { national, departement: null };
  const [members, byStructure] = await Promise.all([
    db().select({ id: structures.id }).from(structures).where(eq(structures.departement, departement)),
    Promise.all(
      months.map(async (month) => {
        const rows = await totalsBy("structure", { kind: "departement", departement }, knownPeriod(month), queued);
        return [month, new Map(rows.map((row) => [row.cle, pair(row)]))] as const;
      }),
    ),
  ]);
  const perStructure = new Map(byStructure);
  const units = [
    ...new Set([...members.map((member) => member.id), ...byStructure.flatMap(([, rows]) => [...rows.keys()])]),
  ];
  const local = listFamily({
    year,
    units,
    monthly: (unit) => (code) => perStructure.get(code)?.get(unit),
    parent: {
      key: departement,
      monthly: (code) => sum(perStructure.get(code)),
      locked: (code) => (national(departement, code) ? "hidden" : "shown"),
    },
    threshold,
  });
  return { national, departement: local };
}

function unitHidden(totals: Totals, scope: Scope, code: string): boolean {
  if (scope.kind === "national") return totals.national("national", code);
  if (scope.kind === "departement") return totals.national(scope.departement, code);
  return totals.departement?.(scope.structureId, code) ?? true;
}

/** Which breakdown rows of the unit are hidden in a year, given which of its totals are. */
async function breakdownDecisions(
  scope: Scope,
  year: string,
  months: string[],
  queued: PendingRow[],
  threshold: number,
  totals: Totals,
) {
  const perMonth = new Map(
    await Promise.all(
      months.map(async (month) => [month, await aggregateByDimension(scope, knownPeriod(month), queued)] as const),
    ),
  );
  const dimensions = new Map<string, { kinds: RowsToTotal; values: Map<string, Monthly> }>();
  const counts = new Map<string, number[]>();
  for (const [code, rows] of perMonth) {
    for (const row of rows) {
      counts.set(`${row.dimension}|${row.valeur}|${code}`, pair(row));
      if (row.dimension === "total" || row.dimension === "agent") continue;
      if (scope.kind === "national" && STRUCTURE_ONLY_DIMENSIONS.includes(row.dimension)) continue;
      if (!dimensions.has(row.dimension))
        dimensions.set(row.dimension, { kinds: ROWS_TO_TOTAL[row.dimension] ?? BOUNDED, values: new Map() });
      dimensions
        .get(row.dimension)
        ?.values.set(row.valeur, (month) => counts.get(`${row.dimension}|${row.valeur}|${month}`));
    }
  }
  return breakdownFamily({
    year,
    dimensions,
    total: {
      monthly: (month) => counts.get(`total||${month}`),
      status: (code) => (unitHidden(totals, scope, code) ? "hidden" : "shown"),
    },
    threshold,
  });
}

const HIDDEN_TOTALS = {
  passages: null,
  sollicitations: null,
  dureeMoyenneMinutes: null,
  attenteMoyenneMinutes: null,
  partResoluSurPlace: null,
};

export async function protectReport(
  report: Report,
  context: {
    scope: Scope;
    departement: string | null;
    period: Period;
    audience: ProtectedAudience;
    queued: PendingRow[];
  },
): Promise<Report> {
  const { scope, departement, period, audience, queued } = context;
  const { threshold } = audience;
  const year = period.from.slice(0, 4);
  const previous = previousPeriod(period);
  const previousYear = previous.from.slice(0, 4);
  const withBreakdowns = scope.kind !== "structure" && breakdownsShown(audience, scope.kind);
  const [months, previousMonths] = await Promise.all([
    activeMonths(year, queued),
    previousYear === year ? null : activeMonths(previousYear, queued),
  ]);
  const totals = await totalsDecisions(year, months, departement, queued, threshold);
  const [previousTotals, breakdowns] = await Promise.all([
    previousMonths ? totalsDecisions(previousYear, previousMonths, departement, queued, threshold) : totals,
    withBreakdowns ? breakdownDecisions(scope, year, months, queued, threshold, totals) : null,
  ]);
  const code = period.code;
  const hiddenHere = unitHidden(totals, scope, code);
  const resolvedShown = breakdowns !== null && !breakdowns.hidden("issue", "resolu_sur_place", code);

  const repartitions: Report["repartitions"] = report.repartitions
    .filter((breakdown) => breakdown.dimension !== "agent")
    .map((breakdown) =>
      !breakdowns || breakdowns.withheld(breakdown.dimension, code)
        ? { ...breakdown, lignes: [], retenue: true }
        : {
            ...breakdown,
            lignes: breakdown.lignes.map((row) =>
              breakdowns.hidden(breakdown.dimension, row.cle, code)
                ? { ...row, passages: null, sollicitations: null, masque: true }
                : row,
            ),
          },
    );
  const departementHidden = (at: string) => (departement ? totals.national(departement, at) : true);
  return {
    ...report,
    totaux: hiddenHere
      ? HIDDEN_TOTALS
      : { ...report.totaux, partResoluSurPlace: resolvedShown ? report.totaux.partResoluSurPlace : null },
    periodePrecedente: unitHidden(previousTotals, scope, previous.code)
      ? { ...report.periodePrecedente, passages: null, sollicitations: null }
      : report.periodePrecedente,
    moyenneDepartement:
      report.moyenneDepartement && departementHidden(code)
        ? { ...report.moyenneDepartement, passages: null, sollicitations: null }
        : report.moyenneDepartement,
    evolution: {
      // Weeks straddle months: a protected reader gets whole months only.
      parSemaine: [],
      parMois: report.evolution.parMois.map((point) =>
        unitHidden(totals, scope, point.debut.slice(0, 7)) ? { ...point, passages: null, sollicitations: null } : point,
      ),
    },
    repartitions,
    structures:
      report.structures?.map((row) =>
        (totals.departement?.(row.id, code) ?? true) ? { ...row, passages: null, sollicitations: null } : row,
      ) ?? null,
    departements:
      report.departements?.map((row) =>
        totals.national(row.code, code) ? { ...row, passages: null, sollicitations: null } : row,
      ) ?? null,
    // Formats partition the structures across départements: a second way to subtract (ADR 021).
    formats: null,
    // Saisine statistics are not yet under the suppression families: kept for the structure's team.
    saisines: undefined,
    seuilMasquage: threshold,
    diffusion: { protege: true, repartitions: withBreakdowns },
  };
}
