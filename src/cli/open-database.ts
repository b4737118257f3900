import { connect, useDb, type DbHandle } from "../db/client.server";
import { runMigrations } from "../db/migrate.server";
import { config } from "../platform/config.server";

/** Opens the configured database (server or PGlite) as the process-wide one, migrated. */
export async function openConfiguredDatabase(): Promise<DbHandle> {
  const { DATABASE_URL, DATA_DIR } = config();
  const handle = useDb(await connect({ databaseUrl: DATABASE_URL, dataDir: DATA_DIR }));
  await runMigrations(handle);
  return handle;
}
