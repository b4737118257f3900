import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { connect } from "../db/client.server";
import { runMigrations } from "../db/migrate.server";
import {
  adminQuery,
  ensureTestRoles,
  TEST_MIGRATION_ROLE,
  TEST_RUNTIME_ROLE,
  withDatabase,
  withUser,
} from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    testTemplate: { kind: "pglite"; dumpPath: string } | { kind: "postgres"; adminUrl: string; name: string };
  }
}

/** Builds the migrated template once per run: PGlite by default, PostgreSQL with TEST_DATABASE_URL. */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `guichet_test_${Date.now().toString(36)}_${process.pid}`;
    await ensureTestRoles(adminUrl);
    // The migration role owns the template (so it may create schemas and tables) and everything in it.
    await adminQuery(adminUrl, `create database "${name}" owner ${TEST_MIGRATION_ROLE}`);
    const handle = await connect({ databaseUrl: withUser(withDatabase(adminUrl, name), TEST_MIGRATION_ROLE) });
    await runMigrations(handle, { runtimeRole: TEST_RUNTIME_ROLE });
    await handle.close();
    project.provide("testTemplate", { kind: "postgres", adminUrl, name });
    return async () => {
      await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "guichet-test-"));
  const handle = await connect({});
  await runMigrations(handle);
  const dump = await handle.pglite!.dumpDataDir("none");
  const dumpPath = path.join(dir, "template.tar");
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("testTemplate", { kind: "pglite", dumpPath });
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
