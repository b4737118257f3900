import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { connect, type DbHandle } from "../db/client.server";

/**
 * One database per test file, copied from a template built once from the migrations
 * (global-setup.ts): a PGlite data-dir dump, or a PostgreSQL template database.
 */
export async function openTestDatabase(
  template: { kind: "pglite"; dumpPath: string } | { kind: "postgres"; adminUrl: string; name: string },
): Promise<DbHandle & { drop(): Promise<void> }> {
  if (template.kind === "pglite") {
    const dump = new Blob([await readFile(template.dumpPath)]);
    const pglite = await PGlite.create({ loadDataDir: dump });
    const handle = await connect({ pglite });
    return { ...handle, drop: () => handle.close() };
  }
  const name = `${template.name}_c_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(template.adminUrl, `create database "${name}" template "${template.name}"`);
  const handle = await connect({ databaseUrl: withDatabase(template.adminUrl, name) });
  return {
    ...handle,
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

export async function adminQuery(adminUrl: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}
