import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";
import { adminQuery, withDatabase } from "./test-database";

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
    const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "silent" };
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (adminUrl) {
      const name = `guichet_${prefix}_${process.pid}_${Date.now().toString(36)}`;
      await adminQuery(adminUrl, `create database "${name}"`);
      state.env = { ...base, DATABASE_URL: withDatabase(adminUrl, name) };
      state.cleanup = () => adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
    } else {
      const dir = await mkdtemp(path.join(tmpdir(), `guichet-${prefix}-`));
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
