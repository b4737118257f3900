import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { DbHandle } from "./client.server";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));
const MIGRATION_LOCK = 727100000;

/**
 * Applies pending migrations; on a server, one node at a time. With `runtimeRole` (ADR 020), the handle is the
 * migration role, owner of the schema, and the runtime role is then granted what the application needs, no more.
 */
export async function runMigrations(handle: DbHandle, options: { runtimeRole?: string } = {}): Promise<void> {
  const migrationsFolder = MIGRATIONS_FOLDER;
  if (handle.kind === "pglite") {
    // drizzle's per-driver migrators each want their own db type, not the shared one.
    await migratePglite(handle.db as never, { migrationsFolder });
    return;
  }
  const client = await handle.pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migratePostgres(handle.db as never, { migrationsFolder });
    if (options.runtimeRole) await client.query(runtimeGrants(options.runtimeRole));
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/**
 * What the runtime role may do: read and write the application's tables and use their sequences, but only append to
 * and read the audit journal. It owns nothing, so it can neither ALTER a table nor disable a trigger. Idempotent:
 * run after every migration, so new tables are granted too.
 */
export function runtimeGrants(role: string): string {
  const name = pg.escapeIdentifier(role);
  return `
    GRANT USAGE ON SCHEMA public TO ${name};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name};
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${name};
    GRANT USAGE ON SCHEMA drizzle TO ${name};
    GRANT SELECT ON drizzle.__drizzle_migrations TO ${name};
  `;
}

/**
 * How many migrations of this build the server database lacks, read as the runtime role (which may read drizzle's
 * journal of migrations, not migrate): a node started without MIGRATION_DATABASE_URL checks, it does not migrate.
 */
export async function pendingMigrations(pool: pg.Pool): Promise<number> {
  // Never migrated (no journal) or never granted: as if nothing were applied.
  const rows = await pool
    .query<{ last: string | null }>("select max(created_at)::text as last from drizzle.__drizzle_migrations")
    .then((result) => result.rows)
    .catch(() => []);
  const last = Number(rows[0]?.last ?? 0);
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).filter((m) => m.folderMillis > last).length;
}
