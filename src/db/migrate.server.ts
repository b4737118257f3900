import { fileURLToPath } from "node:url";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { DbHandle } from "./client.server";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));
const MIGRATION_LOCK = 727100000;

/** Applies pending migrations; on a server, one node at a time. */
export async function runMigrations(handle: DbHandle): Promise<void> {
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
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
