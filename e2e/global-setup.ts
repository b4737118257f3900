import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the demo server of this run answers, e.g. http://127.0.0.1:3210. */
    e2eBaseUrl: string;
    /** A folder shared by the test files of this run (second-factor secrets…). */
    e2eStateDir: string;
  }
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const ARTIFACTS_DIR = path.join(ROOT, "e2e", "artifacts");
const BUILD_DIR = "build-e2e";
const PORT = Number(process.env.E2E_PORT ?? 3210);
const START_TIMEOUT_MS = 90_000;

/**
 * Builds the app into build-e2e, starts `guichet serve --demo` on a fresh PGlite data directory,
 * waits for /healthz, and stops everything after the run.
 * E2E_SKIP_BUILD=1 reuses an existing build-e2e (quicker when only tests changed).
 */
export default async function setup(project: TestProject) {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  if (process.env.E2E_SKIP_BUILD !== "1") await build();
  if (await portAnswers(PORT)) {
    throw new Error(`Port ${PORT} is already in use: stop what runs there or set E2E_PORT.`);
  }
  const stateDir = await mkdtemp(path.join(tmpdir(), "guichet-e2e-"));
  const dataDir = path.join(stateDir, "data");
  const baseUrl = `http://127.0.0.1:${PORT}`;
  const server = startServer(dataDir, baseUrl);
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    await stopServer(server.child);
    throw error;
  }
  project.provide("e2eBaseUrl", baseUrl);
  project.provide("e2eStateDir", stateDir);
  return async () => {
    await stopServer(server.child);
    await rm(stateDir, { recursive: true, force: true });
  };
}

async function build(): Promise<void> {
  const logPath = path.join(ARTIFACTS_DIR, "build.log");
  const log = createWriteStream(logPath);
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "react-router"), ["build"], {
    cwd: ROOT,
    env: { ...process.env, GUICHET_BUILD_DIR: BUILD_DIR, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  log.end();
  if (code !== 0) {
    throw new Error(`react-router build failed (exit ${code}). Last lines of ${logPath}:\n${await tail(logPath)}`);
  }
}

type Server = { child: ChildProcess; logPath: string; exited: Promise<number | null> };

function startServer(dataDir: string, baseUrl: string): Server {
  const logPath = path.join(ARTIFACTS_DIR, "server.log");
  const log = createWriteStream(logPath);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    PUBLIC_URL: baseUrl,
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
  };
  // The browser suite always runs on its own embedded database and the local outbox.
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.TEST_DATABASE_URL;
  const child = spawn(
    process.execPath,
    ["bin/guichet.mjs", "serve", "--demo", "--port", String(PORT), "--build-dir", BUILD_DIR],
    {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, logPath, exited };
}

async function waitForHealth(baseUrl: string, server: Server): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `The demo server exited (code ${exitCode}) before answering. Last lines of ${server.logPath}:\n${await tail(server.logPath)}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `The demo server did not answer ${baseUrl}/healthz within ${START_TIMEOUT_MS / 1000} s. Last lines of ${server.logPath}:\n${await tail(server.logPath)}`,
  );
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function tail(file: string, lines = 40): Promise<string> {
  try {
    return (await readFile(file, "utf8")).trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
