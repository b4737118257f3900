#!/usr/bin/env node
// Accueil benchmark: POST /api/v1/passages through the real HTTP path (bearer token, validation,
// transaction with its database rules), with autocannon on loopback, first on PostgreSQL, then on
// PGlite. Not a timed test: it prints figures, the last line machine-readable:
//   passages_per_s=<n> p99_ms=<n> pglite_passages_per_s=<n>
//
// Options: --duration S (default 30) --connections N (default 32) --no-build --skip-pglite
//          --idempotency (a unique Idempotency-Key per request) --log-level L (default info)
// Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_PORT (3399).
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { closeSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { passageBodies } from "./accueil-bodies.mjs";
import { cpuMs, envWith, guichet } from "./lib/process.mjs";

const { values: options } = parseArgs({
  options: {
    duration: { type: "string", default: "30" },
    connections: { type: "string", default: "32" },
    "no-build": { type: "boolean", default: false },
    "skip-pglite": { type: "boolean", default: false },
    idempotency: { type: "boolean", default: false },
    "log-level": { type: "string", default: "info" },
  },
});
const duration = Number(options.duration);
const connections = Number(options.connections);
const port = Number(process.env.BENCH_PORT ?? 3399);
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const buildDir = "build-bench";
const DEMO_AGENT = "agent@demo.guichet.test";
const cleanups = [];
const log = (line) => process.stderr.write(`${line}\n`);

function databaseUrl(name) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(query) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(query);
  } finally {
    await client.end();
  }
}

/** Transactions committed in a database (statistics are flushed at least once a second). */
async function commits(name) {
  if (!name) return 0;
  const { rows } = await admin(`select xact_commit::bigint as n from pg_stat_database where datname = '${name}'`);
  return Number(rows[0].n);
}

/** CPU time of the PostgreSQL backends serving a database, by pid. */
async function backendsCpu(name) {
  if (!name) return new Map();
  const { rows } = await admin(`select pid from pg_stat_activity where datname = '${name}'`);
  return new Map(rows.map((row) => [row.pid, cpuMs(row.pid) ?? 0]));
}

async function startServer(env, logFile) {
  const out = openSync(logFile, "a");
  const server = spawn(
    process.execPath,
    ["bin/guichet.mjs", "serve", "--demo", "--port", String(port), "--build-dir", buildDir],
    {
      env: envWith({
        ...env,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: options["log-level"],
        NODE_ENV: "production",
      }),
      stdio: ["ignore", out, out],
    },
  );
  closeSync(out);
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
    await exited;
  };
  cleanups.push(stop);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}); see ${logFile}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return Object.assign(stop, { pid: server.pid });
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server did not answer within 120 s");
}

function fire(token, seconds) {
  const bodies = passageBodies();
  let sent = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}/api/v1/passages`,
    connections,
    duration: seconds,
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    requests: [
      {
        setupRequest(request) {
          const headers = { ...request.headers };
          if (options.idempotency) headers["idempotency-key"] = randomUUID();
          return { ...request, headers, body: bodies[sent++ % bodies.length] };
        },
      },
    ],
  });
}

async function measure(label, env, countPassages, databaseName) {
  const logFile = path.join(tmpdir(), `guichet-bench-${label}-${Date.now()}.log`);
  guichet(["db", "seed", "--demo"], env); // with a few weeks of generated activity
  const token = guichet(["token", "create", "--user", DEMO_AGENT, "--name", "bench"], env);
  const initial = await countPassages();
  const stop = await startServer(env, logFile);
  let result;
  try {
    const warmUp = await fire(token, Math.min(3, duration)); // JIT, pool, caches: not counted
    const serverBefore = cpuMs(stop.pid);
    const backendsBefore = await backendsCpu(databaseName);
    const commitsBefore = await commits(databaseName);
    result = await fire(token, duration);
    result.commitsBefore = commitsBefore;
    result.serverCpu = cpuMs(stop.pid) - serverBefore;
    let backends = 0;
    for (const [pid, after] of await backendsCpu(databaseName)) backends += after - (backendsBefore.get(pid) ?? 0);
    result.backendsCpu = backends;
    result.warmUp2xx = warmUp["2xx"];
  } finally {
    await stop();
  }
  // Every answered passage is stored; a few more were still in flight when a run ended.
  result.stored = (await countPassages()) - initial - result.warmUp2xx;
  // The backends have exited, so their statistics are flushed: recording statements (group commit),
  // token lookups the actor cache did not answer, the fold, the jobs.
  const transactions = databaseName ? (await commits(databaseName)) - result.commitsBefore : 0;
  const ok = result["2xx"];
  const perSecond = Math.round(ok / duration);
  log(
    `[${label}] ${perSecond} passages/s (${ok} answered 2xx in ${duration} s, ${result.stored} stored), ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms, ` +
      `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts} (server log: ${logFile})`,
  );
  // CPU per answered passage: what the figures would be on two idle cores, whatever else runs here.
  const perPassage = (ms) => (ok ? (ms / ok).toFixed(2) : "?");
  log(
    `[${label}] CPU per passage: server ${perPassage(result.serverCpu)} ms` +
      (databaseName
        ? `, PostgreSQL backends ${perPassage(result.backendsCpu)} ms`
        : " (PGlite runs inside the server)") +
      `; load average during the run ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores` +
      (databaseName && ok ? `; ${(transactions / ok).toFixed(2)} database transactions per passage` : ""),
  );
  return { perSecond, p99: result.latency.p99 };
}

async function main() {
  if (!options["no-build"]) {
    log(`building into ${buildDir}…`);
    const build = spawnSync(process.execPath, ["node_modules/@react-router/dev/bin.js", "build"], {
      env: envWith({ GUICHET_BUILD_DIR: buildDir }),
      encoding: "utf8",
    });
    if (build.status !== 0) throw new Error(`react-router build failed:\n${build.stdout}\n${build.stderr}`);
  }

  const name = `guichet_bench_${Date.now()}`;
  await admin(`create database "${name}"`);
  cleanups.push(() => admin(`drop database if exists "${name}" with (force)`));
  const pgEnv = { DATABASE_URL: databaseUrl(name), DATA_DIR: undefined };
  const postgres = await measure(
    "postgres",
    pgEnv,
    async () => {
      const client = new pg.Client({ connectionString: databaseUrl(name) });
      await client.connect();
      try {
        return Number((await client.query("select count(*) from passages")).rows[0].count);
      } finally {
        await client.end();
      }
    },
    name,
  );

  let pglite = { perSecond: 0 };
  if (!options["skip-pglite"]) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "guichet-bench-pglite-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // PGlite belongs to one process: counts happen while the server is not running.
    pglite = await measure("pglite", { DATA_DIR: dataDir, DATABASE_URL: undefined }, async () => {
      const { PGlite } = await import("@electric-sql/pglite");
      const db = await PGlite.create(dataDir);
      try {
        return Number((await db.query("select count(*)::int as n from passages")).rows[0].n);
      } finally {
        await db.close();
      }
    });
  }
  console.log(`passages_per_s=${postgres.perSecond} p99_ms=${postgres.p99} pglite_passages_per_s=${pglite.perSecond}`);
}

async function cleanup() {
  for (const step of cleanups.reverse()) {
    try {
      await step();
    } catch (error) {
      log(`cleanup: ${error.message}`);
    }
  }
  cleanups.length = 0;
}

process.on("SIGINT", () => cleanup().finally(() => process.exit(130)));
try {
  await main();
} catch (error) {
  log(`bench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
