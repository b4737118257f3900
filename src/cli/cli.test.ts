import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, withDatabase } from "../test/test-database";

const exec = promisify(execFile);
const BIN = path.resolve("bin/guichet.mjs");

/** Runs the real `guichet` command against its own database (PGlite dir, or a server database). */
let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "silent" };
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `guichet_cli_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(adminUrl, `create database "${name}"`);
    env = { ...base, DATABASE_URL: withDatabase(adminUrl, name) };
    cleanup = () => adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), "guichet-cli-"));
    env = { ...base, DATA_DIR: dir };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
});

afterAll(async () => cleanup?.());

async function guichet(args: string[], extraEnv: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe("guichet CLI", () => {
  it("migrates, seeds the demo once, creates an API token and verifies the journal", async () => {
    const seeded = await guichet(["db", "seed", "--demo"]);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain("3 structures");
    const again = await guichet(["db", "seed", "--demo"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("contient déjà des comptes");

    const token = await guichet(["token", "create", "--user", "agent@demo.guichet.test"]);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^gch_[A-Za-z0-9_-]{40,}$/);

    const created = await guichet(["user", "create", "--email", "Nouvel.Admin@Exemple.fr", "--role", "admin"]);
    expect(created.code).toBe(0);
    const duplicate = await guichet(["user", "create", "--email", "nouvel.admin@exemple.fr", "--role", "admin"]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("Un compte existe déjà");
    expect((await guichet(["user", "reset-2fa", "--email", "agent@demo.guichet.test"])).code).toBe(0);

    const verify = await guichet(["audit", "verify"]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Journal intègre : \d+ entrées vérifiées/);
  }, 180_000);

  it("refuses an unknown role with exit code 2", async () => {
    const badRole = await guichet(["user", "create", "--email", "x@exemple.fr", "--role", "pilote"]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("Rôle inconnu");
  }, 60_000);

  it("stops with one clear line and exit code 1 on a bad configuration value", async () => {
    const result = await guichet(["db", "migrate"], { PORT: "soixante" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("Configuration invalide : PORT");
  }, 60_000);
});
