import { sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Queryable, queryRows } from "../db/client.server";
import { uuidArray } from "../db/uuid-array";
import type { JobDefinition } from "../platform/jobs.server";
import { parisInstant, shiftDay } from "../platform/time";
import { monthsTouching } from "./period";

/** Whose pending work a report reads (the shape of aggregate.server's Scope). */
export type PendingScope =
  | { kind: "structure"; structureId: string }
  | { kind: "departement"; departement: string }
  | { kind: "national" };

/**
 * The passages waiting for the fold (recorded or changed within about a minute) within a scope:
 * a structure's or a département's report reads only its own pending work, through the queue's
 * structure index, whatever waits elsewhere in the network (ADR 023). National by default.
 */
export async function queuedPassageIds(
  q: Queryable = db(),
  scope: PendingScope = { kind: "national" },
): Promise<string[]> {
  const where =
    scope.kind === "structure"
      ? sql`where structure_id = ${scope.structureId}`
      : scope.kind === "departement"
        ? sql`where structure_id in (select id from structures where departement = ${scope.departement})`
        : sql``;
  const rows = await queryRows<{ id: string }>(q, sql`select distinct passage_id as id from stat_queue ${where}`);
  return rows.map((row) => row.id);
}

/**
 * Rollup rows, within a period, of queued passages (their current state), for reports: null when
 * none waits, so that reports then skip the contributions function altogether. The contributions
 * are computed once per statement (materialized), never once per row of an outer loop.
 */
export function pendingContributions(period: { from: string; to: string }, queued: string[]) {
  if (queued.length === 0) return null;
  return sql`with c as materialized (select * from stat_contributions(${uuidArray(queued)})) select * from c where c.jour between ${period.from} and ${period.to}`;
}

/** Folds the pending deltas into stat_jour, stat_mois and stat_mois_departement. */
export async function foldRollups(q: Queryable = db()): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(q, sql`select stat_fold() as folded`);
  return Number(row.folded);
}

/**
 * Rebuilds, from the raw records, the rollups of every month the period touches (whole months,
 * national): one transaction per month, concurrent recordings never blocked (migration 0015).
 */
export async function rebuildRollups(
  period: { from: string; to: string },
  q: Queryable = db(),
): Promise<{ months: string[]; rows: number }> {
  const months = monthsTouching(period);
  let rows = 0;
  for (const month of months) {
    const [row] = await queryRows<{ rebuilt: string }>(q, sql`select stat_rebuild_month(${month}::date) as rebuilt`);
    rows += Number(row.rebuilt);
  }
  return { months: months.map((month) => month.slice(0, 7)), rows };
}

export const foldRollupsJob: JobDefinition = {
  name: "pilotage.fold",
  everyMinutes: 1,
  payload: z.object({}) as unknown as z.ZodType<Record<string, never>>,
  async run({ tx }) {
    return { deltas: await foldRollups(tx) };
  },
};

export type RollupMismatch = { niveau: "jour" | "mois" | "departement"; cle: string; attendu: string; trouve: string };
export type RollupVerification = { ok: boolean; checkedRows: number; mismatches: RollupMismatch[] };

const MEASURES = [
  "passages",
  "sollicitations",
  "duree_somme",
  "duree_nombre",
  "attente_somme",
  "attente_nombre",
] as const;
const measureList = sql.raw(MEASURES.join(", "));
const sumList = sql.raw(MEASURES.map((m) => `sum(${m})::bigint as ${m}`).join(", "));
const differs = sql.raw(MEASURES.map((m) => `coalesce(a.${m}, 0) <> coalesce(b.${m}, 0)`).join(" or "));
const tupleA = sql.raw(`concat_ws('/', ${MEASURES.map((m) => `coalesce(a.${m}, 0)`).join(", ")})`);
const tupleB = sql.raw(`concat_ws('/', ${MEASURES.map((m) => `coalesce(b.${m}, 0)`).join(", ")})`);

/**
 * Recomputes the rollups of a period (Paris days, inclusive) from the raw records and compares
 * them with what reports read (rollups plus pending deltas), then checks each level against the
 * one below. Exact equality or a list of differences.
 */
export async function verifyRollups(
  period: { from: string; to: string },
  q: Queryable = db(),
): Promise<RollupVerification> {
  const fromInstant = parisInstant(period.from);
  const toInstant = parisInstant(shiftDay(period.to, 1));
  const monthFrom = `${period.from.slice(0, 7)}-01`;
  const pending = pendingContributions(period, await queuedPassageIds(q));
  const pendingUnion = pending
    ? sql`union all select structure_id, jour, dimension, valeur, ${measureList} from (${pending}) pending`
    : sql``;
  const jour = await queryRows<{ cle: string; attendu: string; trouve: string; n: number }>(
    q,
    sql`
    with raw as (
      select structure_id, jour, dimension, valeur, ${sumList}
      from stat_contributions(array(select id from passages where started_at >= ${fromInstant} and started_at < ${toInstant}))
      group by structure_id, jour, dimension, valeur
    ),
    stored as (
      select structure_id, jour, dimension, valeur, ${sumList} from (
        select structure_id, jour, dimension, valeur, ${measureList} from stat_jour where jour between ${period.from} and ${period.to}
        union all
        select structure_id, jour, dimension, valeur, ${measureList} from stat_deltas where jour between ${period.from} and ${period.to}
        ${pendingUnion}
      ) x group by structure_id, jour, dimension, valeur
    ),
    compared as (
      select concat_ws('/', coalesce(a.structure_id, b.structure_id), coalesce(a.jour, b.jour), coalesce(a.dimension, b.dimension), coalesce(a.valeur, b.valeur)) as cle,
        ${tupleA} as attendu, ${tupleB} as trouve, (${differs}) as bad
      from raw a full outer join stored b using (structure_id, jour, dimension, valeur)
    )
    select cle, attendu, trouve, (select count(*)::int from compared) as n from compared where bad
    union all select null, null, null, (select count(*)::int from compared) where not exists (select 1 from compared where bad)
    limit 50`,
  );
  const mois = await queryRows<{ cle: string; attendu: string; trouve: string }>(
    q,
    sql`
    with a as (
      select structure_id, date_trunc('month', jour)::date as mois, dimension, valeur, ${sumList} from stat_jour
      where jour >= ${monthFrom}::date and jour <= ${period.to}::date group by 1, 2, 3, 4
    ), b as (
      select structure_id, mois, dimension, valeur, ${sumList} from stat_mois
      where mois >= ${monthFrom}::date and mois <= ${period.to}::date group by 1, 2, 3, 4
    )
    select concat_ws('/', coalesce(a.structure_id, b.structure_id), coalesce(a.mois, b.mois), coalesce(a.dimension, b.dimension), coalesce(a.valeur, b.valeur)) as cle,
      ${tupleA} as attendu, ${tupleB} as trouve
    from a full outer join b using (structure_id, mois, dimension, valeur) where ${differs} limit 50`,
  );
  const departement = await queryRows<{ cle: string; attendu: string; trouve: string }>(
    q,
    sql`
    with a as (
      select s.departement, s.format, m.mois, m.dimension, m.valeur, ${sql.raw(MEASURES.map((m) => `sum(m.${m})::bigint as ${m}`).join(", "))}
      from stat_mois m join structures s on s.id = m.structure_id
      where m.mois >= ${monthFrom}::date and m.mois <= ${period.to}::date and m.dimension not in ('agent', 'commune') group by 1, 2, 3, 4, 5
    ), b as (
      select departement, format, mois, dimension, valeur, ${sumList} from stat_mois_departement
      where mois >= ${monthFrom}::date and mois <= ${period.to}::date group by 1, 2, 3, 4, 5
    )
    select concat_ws('/', coalesce(a.departement, b.departement), coalesce(a.format, b.format), coalesce(a.mois, b.mois), coalesce(a.dimension, b.dimension), coalesce(a.valeur, b.valeur)) as cle,
      ${tupleA} as attendu, ${tupleB} as trouve
    from a full outer join b using (departement, format, mois, dimension, valeur) where ${differs} limit 50`,
  );
  const departementJour = await queryRows<{ cle: string; attendu: string; trouve: string }>(
    q,
    sql`
    with a as (
      select s.departement, s.format, j.jour, sum(j.passages)::bigint as passages, sum(j.sollicitations)::bigint as sollicitations
      from stat_jour j join structures s on s.id = j.structure_id
      where j.jour between ${period.from} and ${period.to} and j.dimension = 'total' group by 1, 2, 3
    ), b as (
      select departement, format, jour, passages::bigint, sollicitations::bigint from stat_jour_departement where jour between ${period.from} and ${period.to}
    )
    select concat_ws('/', coalesce(a.departement, b.departement), coalesce(a.format, b.format), coalesce(a.jour, b.jour)) as cle,
      concat_ws('/', coalesce(a.passages, 0), coalesce(a.sollicitations, 0)) as attendu, concat_ws('/', coalesce(b.passages, 0), coalesce(b.sollicitations, 0)) as trouve
    from a full outer join b using (departement, format, jour)
    where coalesce(a.passages, 0) <> coalesce(b.passages, 0) or coalesce(a.sollicitations, 0) <> coalesce(b.sollicitations, 0) limit 50`,
  );
  const mismatches: RollupMismatch[] = [
    ...jour
      .filter((row) => row.cle !== null)
      .map((row) => ({ niveau: "jour" as const, cle: row.cle, attendu: row.attendu, trouve: row.trouve })),
    ...mois.map((row) => ({ niveau: "mois" as const, ...row })),
    ...departement.map((row) => ({ niveau: "departement" as const, ...row })),
    ...departementJour.map((row) => ({ niveau: "departement" as const, ...row })),
  ];
  return { ok: mismatches.length === 0, checkedRows: Number(jour[0]?.n ?? 0), mismatches };
}
