import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { adminQuery, TEST_MIGRATION_ROLE, TEST_RUNTIME_ROLE, withDatabase, withUser } from "./test-database";

/** The audit key of the test suite (also in vitest.config.ts). */
export const TEST_AUDIT_KEY = "guichet-test-audit-key-never-in-production";

const exec = promisify(execFile);
const BIN = path.resolve("bin/guichet.mjs");

export type CliResult = { code: number; stdout: string; stderr: string };

/**
 * Runs the real `guichet` command in a test file, against a database of its own: a PGlite
 * directory, or a server database when TEST_DATABASE_URL is set. Call it at the top of the file.
 */
export function setupCli(prefix: string) {
  const state = { env: {} as Record<string, string>, cleanup: async () => {} };
  beforeAll(async () => {
    const base = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      LOG_LEVEL: "silent",
      AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
    };
    const adminUrl = process.env.TEST_DATABASE_URL;
    const dir = await mkdtemp(path.join(tmpdir(), `guichet-${prefix}-`));
    if (adminUrl) {
      const name = `guichet_${prefix}_${process.pid}_${Date.now().toString(36)}`;
      // As in production (ADR 020): migrations as the owner role, the command as the runtime role.
      await adminQuery(adminUrl, `create database "${name}" owner ${TEST_MIGRATION_ROLE}`);
      const url = withDatabase(adminUrl, name);
      state.env = {
        ...base,
        DATABASE_URL: withUser(url, TEST_RUNTIME_ROLE),
        MIGRATION_DATABASE_URL: withUser(url, TEST_MIGRATION_ROLE),
        // The seal file (ADR 020) goes into the temporary folder, never into ./data.
        DATA_DIR: dir,
      };
      state.cleanup = async () => {
        await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
        await rm(dir, { recursive: true, force: true });
      };
    } else {
      state.env = { ...base, DATA_DIR: dir };
      state.cleanup = () => rm(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => state.cleanup());

  async function guichet(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
    try {
      const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], {
        env: { ...state.env, ...extraEnv },
        timeout: 120_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
    }
  }
  return { guichet, env: () => state.env };
}
