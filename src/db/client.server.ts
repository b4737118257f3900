import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { databaseErrorOf } from "./database-error";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that runs queries: the database or an open transaction. */
export type Queryable = Db | Tx;

export type DbHandle = (
  | { kind: "pglite"; pglite: PGlite; pool?: undefined }
  | { kind: "postgres"; pool: pg.Pool; pglite?: undefined }
) & {
  db: Db;
  /** Report requests' own connections (PostgreSQL), so that recordings never queue behind them (ADR 022). */
  reportDb?: Db;
  /**
   * Calls `onNotify` for each notification on a channel (LISTEN), from the moment the promise
   * resolves; `onLost` when notifications may have been missed since (connection lost). The
   * listener stops with the returned function, or when the handle closes.
   */
  listen(channel: string, onNotify: () => void, onLost: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export type DbTarget = { databaseUrl?: string; dataDir?: string; pglite?: PGlite };

const HANDLE_KEY = Symbol.for("guichet.db");

/** Settings of every pooled connection to a PostgreSQL server. */
export const APP_CONNECTION_OPTIONS = "-c jit=off";
type Holder = { [HANDLE_KEY]?: DbHandle };

/** Opens a connection: a PostgreSQL server when a URL is given, embedded PGlite otherwise. */
export async function connect(target: DbTarget): Promise<DbHandle> {
  const { databaseUrl } = target;
  if (databaseUrl) {
    // JIT off on the app's connections (ADR 023): its planner-cost threshold fires on small report
    // queries, whose compilation then costs many times their execution.
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: Number(process.env.PG_POOL_MAX ?? 10),
      options: APP_CONNECTION_OPTIONS,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool discards it and opens a new one on the next query.
    pool.on("error", (error) => process.emitWarning(`PostgreSQL: connexion inactive perdue (${error.message})`));
    await pool.query("select 1");
    const reportPool = new pg.Pool({
      connectionString: databaseUrl,
      max: Number(process.env.PG_REPORT_POOL_MAX ?? 3),
      options: APP_CONNECTION_OPTIONS,
    });
    reportPool.on("error", (error) => process.emitWarning(`PostgreSQL: connexion inactive perdue (${error.message})`));
    const listeners = new Set<() => Promise<void>>();
    return {
      db: drizzlePostgres(pool, { schema }) as unknown as Db,
      reportDb: drizzlePostgres(reportPool, { schema }) as unknown as Db,
      kind: "postgres",
      pool,
      async listen(channel, onNotify, onLost) {
        const stop = await listenOnPostgres(databaseUrl, channel, onNotify, () => {
          listeners.delete(stop);
          onLost();
        });
        listeners.add(stop);
        return async () => {
          listeners.delete(stop);
          await stop();
        };
      },
      async close() {
        await Promise.all([...listeners].map((stop) => stop()));
        await Promise.all([pool.end(), reportPool.end()]);
      },
    };
  }
  const pglite = target.pglite ?? (await PGlite.create(target.dataDir ? path.resolve(target.dataDir) : undefined));
  return {
    db: drizzlePglite(pglite, { schema }) as unknown as Db,
    kind: "pglite",
    pglite,
    // One process owns the embedded database: its notifications cannot be lost.
    listen: (channel, onNotify) => pglite.listen(channel, () => onNotify()),
    close: () => pglite.close(),
  };
}

/** A connection of its own that LISTENs on a channel (a pool's connections come and go). */
async function listenOnPostgres(databaseUrl: string, channel: string, onNotify: () => void, onLost: () => void) {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  let listening = false;
  const lost = () => {
    if (!listening) return;
    listening = false;
    onLost();
  };
  client.on("error", lost);
  client.on("end", lost);
  client.on("notification", (message) => {
    if (message.channel === channel) onNotify();
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  listening = true;
  return async () => {
    listening = false;
    await client.end().catch(() => undefined);
  };
}

/** Makes a handle the process-wide one (shared by the CLI and the server bundle). */
export function installDb(handle: DbHandle): DbHandle {
  (globalThis as Holder)[HANDLE_KEY] = handle;
  return handle;
}

export function dbHandle(): DbHandle {
  const handle = (globalThis as Holder)[HANDLE_KEY];
  if (!handle) throw new Error("Database not opened: call openDb() at start-up.");
  return handle;
}

// One store per process, shared like the handle: the CLI's modules and the server bundle's copies
// of this file must see the same one.
const REPORT_KEY = Symbol.for("guichet.db.report");
const storeHolder = globalThis as { [REPORT_KEY]?: AsyncLocalStorage<Db> };
if (!storeHolder[REPORT_KEY]) storeHolder[REPORT_KEY] = new AsyncLocalStorage<Db>();
const reportConnections: AsyncLocalStorage<Db> = storeHolder[REPORT_KEY];

/** The process-wide database (inside withReportConnections: the report requests' connections). */
export function db(): Db {
  return reportConnections.getStore() ?? dbHandle().db;
}

/**
 * Runs a report request's work on the connections set apart for reports (PostgreSQL; PGlite has
 * one connection): however many reports run, recordings find a free connection (ADR 022).
 */
export function withReportConnections<T>(work: () => T): T {
  const reportDb = (globalThis as Holder)[HANDLE_KEY]?.reportDb;
  return reportDb ? reportConnections.run(reportDb, work) : work();
}

/** Runs work with db() answering `q` (a test reads the statistics of one transaction this way). */
export function withDb<T>(q: Queryable, work: () => T): T {
  return reportConnections.run(q as Db, work);
}

export async function closeDb(): Promise<void> {
  const holder = globalThis as Holder;
  const handle = holder[HANDLE_KEY];
  holder[HANDLE_KEY] = undefined;
  await handle?.close();
}

/**
 * Runs one constant SQL text with parameters outside any transaction, as a named prepared statement
 * on PostgreSQL (parsed and planned once per connection). For hot paths only; see json-insert.ts.
 */
export async function runPrepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
  const handle = dbHandle();
  if (handle.kind === "postgres") return (await handle.pool.query<T & object>({ name, text, values })).rows;
  return (await handle.pglite.query<T>(text, values)).rows;
}

/** Whether a database error (raw or wrapped by Drizzle) is a unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  return databaseErrorOf(error)?.code === "23505";
}

/** Runs raw SQL and returns its rows, the same way on both drivers. */
export async function queryRows<T>(q: Queryable, query: SQL): Promise<T[]> {
  const result = (await q.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Forgets the process-wide handle without closing it (its owner closes it). */
export function releaseDb(): void {
  (globalThis as Holder)[HANDLE_KEY] = undefined;
}
