#!/usr/bin/env node
// Cold start: from `guichet serve --demo` on an empty embedded database (migrations + demo seed)
// to the first 200 on /connexion. Run `npm run build` first; prints one machine-readable line.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const port = Number(process.env.BENCH_PORT ?? 3299);
const dataDir = mkdtempSync(path.join(tmpdir(), "guichet-cold-"));
const started = performance.now();
const server = spawn(process.execPath, ["bin/guichet.mjs", "serve", "--demo", "--port", String(port)], {
  env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "warn", PUBLIC_URL: `http://localhost:${port}` },
  stdio: "ignore",
});

async function firstOk() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/connexion`);
      if (response.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the server did not answer within 120 s");
}

try {
  const ms = await firstOk();
  console.log(`cold_start_to_login_ms=${Math.round(ms)}`);
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
