import { sql } from "drizzle-orm";
import { auditKey } from "../audit/audit-key.server";
import { closeDb, connect, type DbHandle, installDb, queryRows } from "../db/client.server";
import { pendingMigrations, runMigrations } from "../db/migrate.server";
import { ConfigError, config } from "../platform/config.server";
import { logger } from "../platform/logger.server";
import { lockDataDir } from "./data-dir-lock";

/**
 * Opens the configured database (server or PGlite) as the process-wide one, migrated. With MIGRATION_DATABASE_URL
 * (ADR 020), the migrations run as that role, which grants the DATABASE_URL role what the application needs; the
 * process then works as the DATABASE_URL role only; a DATABASE_URL role that may not migrate only checks that the
 * migrations were applied. The audit key must be there before anything is written (not needed to migrate).
 */
export async function openConfiguredDatabase(options: { auditKey?: boolean } = {}): Promise<DbHandle> {
  const { DATABASE_URL, DATA_DIR, MIGRATION_DATABASE_URL } = config();
  if (options.auditKey !== false) auditKey();
  if (MIGRATION_DATABASE_URL) await migrateAsOwner(MIGRATION_DATABASE_URL, DATABASE_URL);
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
    if (MIGRATION_DATABASE_URL) return handle;
    if (handle.kind === "postgres" && !(await mayCreate(handle))) {
      // A runtime role without MIGRATION_DATABASE_URL: the deployment migrated; check it did.
      const pending = await pendingMigrations(handle.pool);
      if (pending > 0) {
        await closeDb();
        throw new ConfigError(
          `La base n’est pas à jour (${pending} migration(s) en attente) : lancez « guichet db migrate » avec MIGRATION_DATABASE_URL.`,
        );
      }
      return handle;
    }
    await runMigrations(handle);
    if (handle.kind === "postgres") await warnIfJournalOwner(handle);
    return handle;
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Runs the migrations as the owner role, then grants the runtime role named in DATABASE_URL. */
async function migrateAsOwner(migrationUrl: string, databaseUrl: string | undefined): Promise<void> {
  const runtimeRole = databaseUrl ? decodeURIComponent(new URL(databaseUrl).username) : "";
  if (!runtimeRole)
    throw new ConfigError(
      "Configuration invalide : avec MIGRATION_DATABASE_URL, DATABASE_URL doit désigner le rôle d’exécution (postgres://role@hôte/base).",
    );
  const owner = await connect({ databaseUrl: migrationUrl });
  try {
    await runMigrations(owner, { runtimeRole });
  } finally {
    await owner.close();
  }
}

/** Whether the role may create schemas in the database, i.e. run migrations (a runtime role may not). */
async function mayCreate(handle: DbHandle): Promise<boolean> {
  const [row] = await queryRows<{ may: boolean }>(
    handle.db,
    sql`select has_database_privilege(current_database(), 'CREATE') as may`,
  );
  return row.may;
}

/** Without the split, the application's role owns audit_log and could rewrite it: say so once at start-up. */
async function warnIfJournalOwner(handle: DbHandle): Promise<void> {
  const [row] = await queryRows<{ owner: boolean }>(
    handle.db,
    sql`select pg_has_role(current_user, c.relowner, 'USAGE') as owner from pg_class c where c.oid = 'audit_log'::regclass`,
  );
  if (row?.owner)
    logger().warn(
      "the application's database role owns audit_log (it can disable its triggers): set MIGRATION_DATABASE_URL to run migrations as another role (ADR 020)",
    );
}
