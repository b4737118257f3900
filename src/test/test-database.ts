import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { connect, type DbHandle } from "../db/client.server";

/**
 * On PostgreSQL the suite works as production should (ADR 020): the migrations run as a migration role that owns the
 * schema, the tests as a runtime role that owns nothing. Roles are cluster-wide and shared by concurrent runs: they
 * are created if missing, never dropped, and hold no rights outside the test databases.
 */
export const TEST_MIGRATION_ROLE = "guichet_test_owner";
export const TEST_RUNTIME_ROLE = "guichet_test_runtime";

export type TestTemplate = { kind: "pglite"; dumpPath: string } | { kind: "postgres"; adminUrl: string; name: string };

/**
 * One database per test file, copied from a template built once from the migrations
 * (global-setup.ts): a PGlite data-dir dump, or a PostgreSQL template database.
 */
export async function openTestDatabase(
  template: TestTemplate,
): Promise<DbHandle & { drop(): Promise<void>; ownerUrl?: string }> {
  if (template.kind === "pglite") {
    const dump = new Blob([await readFile(template.dumpPath)]);
    const pglite = await PGlite.create({ loadDataDir: dump });
    const handle = await connect({ pglite });
    return { ...handle, drop: () => handle.close() };
  }
  const name = `${template.name}_c_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(template.adminUrl, `create database "${name}" template "${template.name}"`);
  const url = withDatabase(template.adminUrl, name);
  const handle = await connect({ databaseUrl: withUser(url, TEST_RUNTIME_ROLE) });
  return {
    ...handle,
    ownerUrl: withUser(url, TEST_MIGRATION_ROLE),
    drop: async () => {
      await handle.close();
      await adminQuery(template.adminUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export function withUser(url: string, user: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = "";
  return parsed.toString();
}

/** Creates the test roles if missing; safe when several runs do it at once. */
export async function ensureTestRoles(adminUrl: string): Promise<void> {
  for (const role of [TEST_MIGRATION_ROLE, TEST_RUNTIME_ROLE])
    await adminQuery(
      adminUrl,
      // Two concurrent CREATE ROLE: one wins, the other gets duplicate_object or, in the race, unique_violation.
      `do $$ begin create role ${role} login nosuperuser nocreatedb nocreaterole;
        exception when duplicate_object or unique_violation then null; end $$`,
    );
}

export async function adminQuery(adminUrl: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}
