import { sql } from "drizzle-orm";
import { db, type Queryable, queryRows } from "../db/client.server";
import { uuidArray } from "../db/uuid-array";
import type { Measures } from "./measures";
import type { PendingScope } from "./rollups.server";

/**
 * The contributions of the passages that wait for the fold, for reports (ADR 026). Computing a
 * passage's contribution from its current state costs about 0.15 ms on PostgreSQL; under load a
 * structure has hundreds of passages waiting and its dashboard used to recompute all of them, several
 * times per report. Each mark in stat_queue has a new id whenever its passage is recorded, changed or
 * deleted (stat_before_change drops the old mark), so a passage's contribution is kept here under
 * the id of its newest mark and computed again only when that id changes. The cache is per process
 * and per database, keyed by what the database says: several nodes stay exact.
 */
export type PendingRow = Measures & {
  structureId: string;
  departement: string;
  format: string;
  jour: string;
  dimension: string;
  valeur: string;
};

type Entry = { markId: number; structureId: string; departement: string; rows: PendingRow[] };

/** Beyond this many passages the cache starts again (a fold empties the queue within a minute). */
const MAX_ENTRIES = 50_000;
const caches = new WeakMap<object, Map<string, Entry>>();

function cacheFor(): Map<string, Entry> {
  const key = db();
  let cache = caches.get(key);
  if (!cache) {
    cache = new Map();
    caches.set(key, cache);
  }
  return cache;
}

function inScope(entry: Pick<Entry, "structureId" | "departement">, scope: PendingScope): boolean {
  if (scope.kind === "structure") return entry.structureId === scope.structureId;
  if (scope.kind === "departement") return entry.departement === scope.departement;
  return true;
}

async function computeContributions(q: Queryable, ids: string[]): Promise<Map<string, PendingRow[]>> {
  const rows = await queryRows<Record<string, unknown>>(
    q,
    sql`select c.passage_id::text as passage_id, c.structure_id::text as structure_id, s.departement, s.format,
          c.jour::text as jour, c.dimension, c.valeur, c.passages, c.sollicitations, c.duree_somme, c.duree_nombre,
          c.attente_somme, c.attente_nombre
        from stat_contributions_by_passage(${uuidArray(ids)}) c
        join structures s on s.id = c.structure_id`,
  );
  const byPassage = new Map<string, PendingRow[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    byPassage.get(String(row.passage_id))?.push({
      structureId: String(row.structure_id),
      departement: String(row.departement),
      format: String(row.format),
      jour: String(row.jour),
      dimension: String(row.dimension),
      valeur: String(row.valeur),
      passages: Number(row.passages),
      sollicitations: Number(row.sollicitations),
      dureeSomme: Number(row.duree_somme),
      dureeNombre: Number(row.duree_nombre),
      attenteSomme: Number(row.attente_somme),
      attenteNombre: Number(row.attente_nombre),
    });
  }
  return byPassage;
}

/** The contribution rows of every passage waiting in a scope, computed only for marks not seen before. */
export async function pendingWork(
  q: Queryable = db(),
  scope: PendingScope = { kind: "national" },
): Promise<PendingRow[]> {
  const where =
    scope.kind === "structure"
      ? sql`where q.structure_id = ${scope.structureId}`
      : scope.kind === "departement"
        ? sql`where q.structure_id in (select id from structures where departement = ${scope.departement})`
        : sql``;
  const marks = await queryRows<{ passage_id: string; mark_id: string; structure_id: string; departement: string }>(
    q,
    sql`select q.passage_id::text as passage_id, max(q.id)::text as mark_id, coalesce(q.structure_id::text, '') as structure_id,
          coalesce(s.departement, '') as departement
        from stat_queue q left join structures s on s.id = q.structure_id ${where}
        group by q.passage_id, q.structure_id, s.departement`,
  );
  const cache = cacheFor();
  const waiting = new Map(marks.map((mark) => [mark.passage_id, mark]));
  const missing = [...waiting.values()]
    .filter((mark) => cache.get(mark.passage_id)?.markId !== Number(mark.mark_id))
    .map((mark) => mark.passage_id);
  if (missing.length > 0) {
    const computed = await computeContributions(q, missing);
    if (cache.size + missing.length > MAX_ENTRIES) cache.clear();
    for (const id of missing) {
      const mark = waiting.get(id);
      if (!mark) continue;
      cache.set(id, {
        markId: Number(mark.mark_id),
        structureId: mark.structure_id,
        departement: mark.departement,
        rows: computed.get(id) ?? [],
      });
    }
  }
  // Folded passages leave the queue: forget those of this scope.
  for (const [id, entry] of cache) if (!waiting.has(id) && inScope(entry, scope)) cache.delete(id);
  return [...waiting.keys()].flatMap((id) => cache.get(id)?.rows ?? []);
}

/** Empties this process's cache (the dashboard benchmark compares with and without it). */
export function forgetPendingWork(): void {
  cacheFor().clear();
}
