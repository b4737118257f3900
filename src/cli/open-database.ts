import { connect, type DbHandle, installDb } from "../db/client.server";
import { runMigrations } from "../db/migrate.server";
import { config } from "../platform/config.server";
import { lockDataDir } from "./data-dir-lock";

/** Opens the configured database (server or PGlite) as the process-wide one, migrated. */
export async function openConfiguredDatabase(): Promise<DbHandle> {
  const { DATABASE_URL, DATA_DIR } = config();
  const unlock = DATABASE_URL ? () => undefined : lockDataDir(DATA_DIR);
  try {
    const handle = await connect({ databaseUrl: DATABASE_URL, dataDir: DATA_DIR });
    const close = handle.close;
    handle.close = async () => {
      try {
        await close();
      } finally {
        unlock();
      }
    };
    installDb(handle);
    await runMigrations(handle);
    return handle;
  } catch (error) {
    unlock();
    throw error;
  }
}
