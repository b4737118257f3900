import { type SQL, sql } from "drizzle-orm";
import { db, type Queryable, queryRows } from "../db/client.server";
import { shiftDay } from "../platform/time";
import type { Measures } from "./measures";
import { type PendingRow, pendingWork } from "./pending-work.server";
import { splitByMonths } from "./period";

/**
 * Reads the rollups for a scope and a period: full months from the monthly tables, loose days from
 * stat_jour, plus the still-pending deltas — never the raw records. The contributions of passages
 * waiting for the fold come from pendingWork (ADR 026) and are added here, in memory.
 */
export type Scope =
  | { kind: "structure"; structureId: string }
  | { kind: "departement"; departement: string }
  | { kind: "national" };
export type { Measures };
export type DimensionRow = Measures & { dimension: string; valeur: string };

/** Dimensions that the national monthly table does not keep (too fine, or per person). */
export const STRUCTURE_ONLY_DIMENSIONS = ["agent", "commune"];

const MEASURE_COLUMNS = sql.raw("passages, sollicitations, duree_somme, duree_nombre, attente_somme, attente_nombre");
const SUMS = sql.raw(
  "sum(passages)::bigint as passages, sum(sollicitations)::bigint as sollicitations, sum(duree_somme)::bigint as duree_somme, sum(duree_nombre)::bigint as duree_nombre, sum(attente_somme)::bigint as attente_somme, sum(attente_nombre)::bigint as attente_nombre",
);

function structureFilter(scope: Scope): SQL {
  if (scope.kind === "structure") return sql`structure_id = ${scope.structureId}`;
  if (scope.kind === "departement")
    return sql`structure_id in (select id from structures where departement = ${scope.departement})`;
  return sql`dimension not in ('agent', 'commune')`;
}

function daysFilter(days: Array<[string, string]>): SQL {
  if (days.length === 0) return sql`false`;
  return sql.join(
    days.map(([from, to]) => sql`(jour between ${from} and ${to})`),
    sql` or `,
  );
}

function monthsArray(months: string[]): SQL {
  return months.length
    ? sql`array[${sql.join(
        months.map((month) => sql`${month}::date`),
        sql`, `,
      )}]`
    : sql`array[]::date[]`;
}

/** The union of folded rollup rows for a scope and period, before grouping (columns: key columns + measures). */
function sources(
  scope: Scope,
  period: { from: string; to: string },
  keyColumns: { monthly: SQL; daily: SQL; nationalMonthly: SQL },
  dimensionFilter: SQL,
): SQL {
  const { months, days } = splitByMonths(period);
  const filter = structureFilter(scope);
  const monthly =
    scope.kind === "national"
      ? sql`select ${keyColumns.nationalMonthly}, ${MEASURE_COLUMNS} from stat_mois_departement where mois = any(${monthsArray(months)}) and ${dimensionFilter}`
      : sql`select ${keyColumns.monthly}, ${MEASURE_COLUMNS} from stat_mois where mois = any(${monthsArray(months)}) and ${filter} and ${dimensionFilter}`;
  return sql`
    ${monthly}
    union all
    select ${keyColumns.daily}, ${MEASURE_COLUMNS} from stat_jour where (${daysFilter(days)}) and ${filter} and ${dimensionFilter}
    union all
    select ${keyColumns.daily}, ${MEASURE_COLUMNS} from stat_deltas where jour between ${period.from} and ${period.to} and ${filter} and ${dimensionFilter}`;
}

/** Pending rows of a scope and period (the national monthly table keeps no per-person dimension). */
function pendingIn(pending: PendingRow[], scope: Scope, period: { from: string; to: string }): PendingRow[] {
  return pending.filter(
    (row) =>
      row.jour >= period.from &&
      row.jour <= period.to &&
      (scope.kind === "structure"
        ? row.structureId === scope.structureId
        : scope.kind === "departement"
          ? row.departement === scope.departement
          : !STRUCTURE_ONLY_DIMENSIONS.includes(row.dimension)),
  );
}

const EMPTY: Measures = {
  passages: 0,
  sollicitations: 0,
  dureeSomme: 0,
  dureeNombre: 0,
  attenteSomme: 0,
  attenteNombre: 0,
};

/** Sums measures by key: folded rows (already grouped) plus pending rows. */
function mergeByKey<K>(
  folded: Array<{ key: K; keyText: string; measures: Measures }>,
  pending: Array<{ key: K; keyText: string; measures: Measures }>,
): Array<{ key: K; measures: Measures }> {
  const sums = new Map<string, { key: K; measures: Measures }>();
  for (const item of [...folded, ...pending]) {
    const current = sums.get(item.keyText) ?? { key: item.key, measures: { ...EMPTY } };
    for (const measure of Object.keys(EMPTY) as Array<keyof Measures>)
      current.measures[measure] += item.measures[measure];
    sums.set(item.keyText, current);
  }
  return [...sums.values()];
}

function toMeasures(row: Record<string, unknown>): Measures {
  return {
    passages: Number(row.passages),
    sollicitations: Number(row.sollicitations),
    dureeSomme: Number(row.duree_somme),
    dureeNombre: Number(row.duree_nombre),
    attenteSomme: Number(row.attente_somme),
    attenteNombre: Number(row.attente_nombre),
  };
}

/** Every dimension's values with their measures. */
export async function aggregateByDimension(
  scope: Scope,
  period: { from: string; to: string },
  pending?: PendingRow[],
  q: Queryable = db(),
): Promise<DimensionRow[]> {
  const keys = sql.raw("dimension, valeur");
  pending ??= await pendingWork(q, scope);
  const rows = await queryRows<Record<string, unknown>>(
    q,
    sql`select dimension, valeur, ${SUMS} from (${sources(scope, period, { monthly: keys, daily: keys, nationalMonthly: keys }, sql`true`)}) x
        group by dimension, valeur`,
  );
  const keyed = (dimension: string, valeur: string) => ({
    key: { dimension, valeur },
    keyText: `${dimension}\u0000${valeur}`,
  });
  return mergeByKey(
    rows.map((row) => ({ ...keyed(String(row.dimension), String(row.valeur)), measures: toMeasures(row) })),
    pendingIn(pending, scope, period).map((row) => ({ ...keyed(row.dimension, row.valeur), measures: row })),
  )
    .filter(({ measures }) => measures.passages !== 0 || measures.sollicitations !== 0)
    .map(({ key, measures }) => ({ ...key, ...measures }));
}

/** Totals per structure (département ranking), per département or per format (national). */
export async function totalsBy(
  groupBy: "structure" | "departement" | "format",
  scope: Scope,
  period: { from: string; to: string },
  pending?: PendingRow[],
  q: Queryable = db(),
): Promise<Array<Measures & { cle: string }>> {
  const total = sql`dimension = 'total'`;
  pending ??= await pendingWork(q, scope);
  let inner: SQL;
  if (groupBy === "structure") {
    const key = sql.raw("structure_id::text as cle");
    inner = sources(scope, period, { monthly: key, daily: key, nationalMonthly: key }, total);
  } else {
    const column = sql.raw(groupBy);
    const viaStructure = sql`(select ${column} from structures s where s.id = structure_id) as cle`;
    inner = sources(
      scope,
      period,
      { monthly: viaStructure, daily: viaStructure, nationalMonthly: sql`${column} as cle` },
      total,
    );
  }
  const rows = await queryRows<Record<string, unknown>>(q, sql`select cle, ${SUMS} from (${inner}) x group by cle`);
  const pendingKey = (row: PendingRow) =>
    groupBy === "structure" ? row.structureId : groupBy === "departement" ? row.departement : row.format;
  return mergeByKey(
    rows.map((row) => ({ key: String(row.cle), keyText: String(row.cle), measures: toMeasures(row) })),
    pendingIn(pending, scope, period)
      .filter((row) => row.dimension === "total")
      .map((row) => ({ key: pendingKey(row), keyText: pendingKey(row), measures: row })),
  ).map(({ key, measures }) => ({ cle: key, ...measures }));
}

export type EvolutionPoint = { debut: string; passages: number; sollicitations: number };

/**
 * Passages and sollicitations per week (Monday) and per month (first day): one read of the daily
 * rollups, summed per day in the database and bucketed here.
 */
export async function evolution(
  scope: Scope,
  period: { from: string; to: string },
  pending?: PendingRow[],
  q: Queryable = db(),
): Promise<{ week: EvolutionPoint[]; month: EvolutionPoint[] }> {
  const filter = structureFilter(scope);
  pending ??= await pendingWork(q, scope);
  const fromDaily =
    scope.kind === "national"
      ? sql`select jour, passages, sollicitations from stat_jour_departement where jour between ${period.from} and ${period.to}`
      : sql`select jour, passages, sollicitations from stat_jour where jour between ${period.from} and ${period.to} and dimension = 'total' and ${filter}`;
  const rows = await queryRows<{ jour: string; passages: string; sollicitations: string }>(
    q,
    sql`select jour::text as jour, sum(passages)::bigint as passages, sum(sollicitations)::bigint as sollicitations from (
      ${fromDaily}
      union all
      select jour, passages, sollicitations from stat_deltas where jour between ${period.from} and ${period.to} and dimension = 'total' and ${filter}
    ) x group by 1`,
  );
  for (const row of pendingIn(pending, scope, period)) {
    if (row.dimension === "total")
      rows.push({ jour: row.jour, passages: String(row.passages), sollicitations: String(row.sollicitations) });
  }
  return { week: bucketDays(rows, mondayOf), month: bucketDays(rows, (day) => `${day.slice(0, 8)}01`) };
}

/** The Monday of an ISO day's week. */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return shiftDay(day, -((weekday + 6) % 7));
}

function bucketDays(
  rows: Array<{ jour: string; passages: string; sollicitations: string }>,
  bucket: (day: string) => string,
): EvolutionPoint[] {
  const sums = new Map<string, EvolutionPoint>();
  for (const row of rows) {
    const debut = bucket(row.jour);
    const point = sums.get(debut) ?? { debut, passages: 0, sollicitations: 0 };
    point.passages += Number(row.passages);
    point.sollicitations += Number(row.sollicitations);
    sums.set(debut, point);
  }
  return [...sums.values()].sort((a, b) => a.debut.localeCompare(b.debut));
}

/** The last day with at least one passage, per structure of a département (for "structures sans saisie"). */
export async function lastActivityDays(departement: string, q: Queryable = db()): Promise<Map<string, string>> {
  const rows = await queryRows<{ structure_id: string; jour: string }>(
    q,
    sql`select s.id as structure_id, (select max(jour)::text from (
          select jour from stat_jour j where j.structure_id = s.id and j.dimension = 'total' and j.passages > 0
          union all select jour from stat_deltas d where d.structure_id = s.id and d.dimension = 'total' and d.passages > 0
          union all select (p.started_at at time zone 'Europe/Paris')::date from stat_queue q join passages p on p.id = q.passage_id
            where p.structure_id = s.id and p.deleted_at is null
        ) x) as jour
        from structures s where s.departement = ${departement}`,
  );
  return new Map(rows.filter((row) => row.jour).map((row) => [row.structure_id, row.jour]));
}
