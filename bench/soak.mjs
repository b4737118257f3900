#!/usr/bin/env node
// Soak benchmark (issue 19): N agents working at once through the real pages, as browsers without
// JavaScript would. It prepares a database with a year of activity for the three demo structures
// (`guichet db seed --demo`, then `guichet demo generate`), creates N agent accounts (demo mode: no
// second factor), starts the built server, and runs N virtual agents that, every 1 to 3 seconds,
// open the accueil and record a demand through its form, or look at the day view, the usagers, the
// saisines, the pilotage dashboard or the home page. Not a timed test: it prints figures.
//
// Printed: per route count, p50/p95/p99/max, errors and refusals (503), the throughput, the server's
// and PostgreSQL's CPU per request, the machine's load, and whether every acknowledged recording is
// stored. Last line, machine-readable:
//   agents=<n> rps=<n> p95_ms_max=<n> p99_ms_max=<n> errors=<n> refused=<n> lost=<n> cpu_ms_per_request=<n>
//
// Options: --agents N (100) --duration S (300) --embedded (PGlite in DATA_DIR, agents in one structure)
//          --days N (365) --warmup S (10) --no-build --keep (leave the database) --log-level L (warn)
// Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_PORT (3398).
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { cpuMs, envWith, guichet } from "./lib/process.mjs";

const { values: options } = parseArgs({
  options: {
    agents: { type: "string", default: "100" },
    duration: { type: "string", default: "300" },
    embedded: { type: "boolean", default: false },
    days: { type: "string", default: "365" },
    warmup: { type: "string", default: "10" },
    "no-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "log-level": { type: "string", default: "warn" },
  },
});
const AGENTS = Number(options.agents);
const DURATION = Number(options.duration);
const WARMUP = Number(options.warmup);
const DAYS = Number(options.days);
const port = Number(process.env.BENCH_PORT ?? 3398);
const base = `http://127.0.0.1:${port}`;
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = "guichet_soak";
const buildDir = "build-soak";
const TEMPLATE_AGENT = "agent@demo.guichet.test";
const PASSWORD = "Guichet-demo-2026";
const cleanups = [];
const log = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function databaseUrl(name) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function pgQuery(url, query, params = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(query, params)).rows;
  } finally {
    await client.end();
  }
}

/** Busy and total jiffies of the whole machine (every helper's work included). */
function machineTicks() {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

/**
 * The database: PostgreSQL (a dedicated database, dropped and created again) or PGlite (a fresh
 * DATA_DIR, opened here only while the server is stopped).
 */
async function prepareDatabase() {
  if (options.embedded) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "guichet-soak-pglite-"));
    if (!options.keep) cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATA_DIR: dataDir, DATABASE_URL: undefined };
    const sqlRun = async (query, params) => {
      const { PGlite } = await import("@electric-sql/pglite");
      const db = await PGlite.create(dataDir);
      try {
        return (await db.query(query, params)).rows;
      } finally {
        await db.close();
      }
    };
    return { env, sqlRun, backendsCpu: async () => new Map(), label: `pglite ${dataDir}` };
  }
  await pgQuery(adminUrl, `drop database if exists ${DB_NAME} with (force)`);
  await pgQuery(adminUrl, `create database ${DB_NAME}`);
  if (!options.keep) cleanups.push(() => pgQuery(adminUrl, `drop database if exists ${DB_NAME} with (force)`));
  const url = databaseUrl(DB_NAME);
  return {
    env: { DATABASE_URL: url, DATA_DIR: undefined },
    sqlRun: (query, params) => pgQuery(url, query, params),
    // CPU of the PostgreSQL backends serving this database only (other helpers share the server).
    backendsCpu: async () => {
      const rows = await pgQuery(
        adminUrl,
        `select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
        [DB_NAME],
      );
      return new Map(rows.map((row) => [row.pid, cpuMs(row.pid) ?? 0]));
    },
    label: `postgresql ${DB_NAME}`,
  };
}

/** A year of activity for every demo structure, folded; N agents spread over the structures. */
async function prepareData(database) {
  log(`seeding the demo (${database.label})…`);
  guichet(["db", "seed", "--demo", "--jours", "0"], database.env);
  const structures = await database.sqlRun("select id::text as id, nom from structures order by nom");
  for (const structure of structures) {
    log(`  ${DAYS} days of activity for ${structure.nom}`);
    log(
      `  ${guichet(["demo", "generate", "--structure", structure.id, "--days", String(DAYS), "--seed", "soak"], database.env)}`,
    );
  }
  guichet(["jobs", "run", "--name", "pilotage.fold"], database.env);
  // The embedded database: one structure, as a small France Services would run it.
  const targets = options.embedded ? structures.slice(0, 1) : structures;
  const emails = Array.from({ length: AGENTS }, (_, i) => `soak-${i + 1}@bench.guichet.test`);
  // Accounts are copies of the demo agent (same password hash), one agent role each.
  await database.sqlRun(
    `with template as (select password_hash from users where email = $1),
     created as (
       insert into users (email, prenom, nom, password_hash)
       select e.email, 'Agent', 'Soak ' || e.n, (select password_hash from template)
       from unnest($2::text[]) with ordinality as e(email, n)
       returning id, email
     )
     insert into role_assignments (user_id, role, structure_id)
     select c.id, 'agent', ($3::uuid[])[1 + ((substring(c.email from 'soak-([0-9]+)@')::int - 1) % array_length($3::uuid[], 1))]
     from created c`,
    [TEMPLATE_AGENT, emails, targets.map((structure) => structure.id)],
  );
  const [{ n }] = await database.sqlRun("select count(*)::int as n from passages");
  log(`${n} passages in the database; ${AGENTS} agents over ${targets.length} structure(s)`);
  return emails;
}

async function startServer(env, logFile) {
  const out = openSync(logFile, "a");
  const server = spawn(
    process.execPath,
    ["bin/guichet.mjs", "serve", "--demo", "--port", String(port), "--build-dir", buildDir],
    {
      env: envWith({ ...env, PUBLIC_URL: base, LOG_LEVEL: options["log-level"], NODE_ENV: "production" }),
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
      if ((await fetch(`${base}/healthz`)).ok) return Object.assign(stop, { pid: server.pid });
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error("the server did not answer within 120 s");
}

// ---------------------------------------------------------------------------------------------
// Virtual agents

const stats = new Map(); // route -> { times: number[], errors, refused }
let measuring = false;
const acknowledged = [];

function record(route, ms, status) {
  if (!measuring) return;
  const entry = stats.get(route) ?? { times: [], errors: 0, refused: 0, statuses: new Map() };
  entry.times.push(ms);
  if (status === 503) entry.refused++;
  else if (status === 0 || status >= 400) {
    entry.errors++;
    entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
  }
  stats.set(route, entry);
}

class Agent {
  constructor(email, index) {
    this.email = email;
    this.index = index;
    this.cookie = "";
  }

  /** One request, timed, with the session cookie; redirects are not followed. */
  async request(route, url, init = {}) {
    const started = performance.now();
    let status = 0;
    let body = "";
    let location = null;
    try {
      const response = await fetch(`${base}${url}`, {
        ...init,
        redirect: "manual",
        headers: { ...(init.headers ?? {}), cookie: this.cookie, "user-agent": "guichet-soak" },
      });
      status = response.status;
      body = await response.text();
      location = response.headers.get("location");
      const setCookie = response.headers.getSetCookie?.() ?? [];
      for (const line of setCookie) {
        const pair = line.split(";")[0];
        if (pair.startsWith("guichet_session=")) this.cookie = pair;
      }
    } catch {
      status = 0;
    }
    const ms = performance.now() - started;
    if (route) record(route, ms, status);
    return { status, body, location, ms };
  }

  async login() {
    const form = new URLSearchParams({ email: this.email, password: PASSWORD, redirectTo: "" });
    const answer = await this.request(null, "/connexion", {
      method: "POST",
      body: form,
      headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    });
    if (answer.status !== 302 || !this.cookie) throw new Error(`login of ${this.email}: HTTP ${answer.status}`);
  }

  /** Opens the accueil, then posts its form as a browser without JavaScript would. */
  async recordPassage() {
    const page = await this.request("GET /accueil", "/accueil");
    if (page.status !== 200) return;
    const key = /name="cle" value="([^"]+)"/.exec(page.body)?.[1];
    if (!key) {
      record("POST /accueil", 0, 0);
      return;
    }
    await sleep(thinkMs() / 2); // the agent fills the form
    const [partenaire, situation, aide] = PICKS[Math.floor(Math.random() * PICKS.length)];
    const form = new URLSearchParams({
      cle: key,
      "sollicitations[0].partenaires": partenaire,
      "sollicitations[0].situations": situation,
      "sollicitations[0].aides": aide,
      "sollicitations[0].autonomie": "partiellement",
      "sollicitations[0].issue": "resolu_sur_place",
      "sollicitations[0].precision": "",
      canal: Math.random() < 0.8 ? "accueil_physique" : "telephone",
      debutLocal: "",
      dureeMinutes: String(5 + Math.floor(Math.random() * 30)),
      trancheAge: "",
      genre: "",
      communeResidence: "",
    });
    const answer = await this.request("POST /accueil", "/accueil", {
      method: "POST",
      body: form,
      headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    });
    const id = answer.status === 302 ? /enregistre=([0-9a-f-]{36})/.exec(answer.location ?? "")?.[1] : null;
    if (id) {
      acknowledged.push(id);
      await this.request("GET /accueil?enregistre", `/accueil?enregistre=${id}`);
    } else if (answer.status !== 503 && measuring) {
      const entry = stats.get("POST /accueil");
      if (answer.status < 400 && entry) entry.errors++; // a 200/400 here is a form the server refused
    }
  }

  async pilotage() {
    const started = performance.now();
    const first = await this.request("GET /pilotage → 302", "/pilotage");
    if (first.status !== 302 || !first.location) return;
    const target = new URL(first.location, base);
    const second = await this.request("GET /pilotage/structures/:id", `${target.pathname}${target.search}`);
    record("/pilotage with its redirect", performance.now() - started, second.status);
  }

  async step() {
    const roll = Math.random();
    if (roll < 0.35) return this.recordPassage();
    if (roll < 0.5) return this.request("GET /accueil/journee", "/accueil/journee");
    if (roll < 0.6) return this.request("GET /usagers", "/usagers");
    if (roll < 0.7) return this.request("GET /saisines", "/saisines");
    if (roll < 0.88) return this.pilotage();
    return this.request("GET /", "/");
  }
}

const PICKS = [
  ["caf", "allocation_logement", "demarche_en_ligne"],
  ["france_titres", "papiers_identite", "demarche_en_ligne"],
  ["assurance_maladie", "rembourser_soins", "information"],
  ["dgfip", "declarer_impots", "demarche_en_ligne"],
  ["assurance_retraite", "preparer_retraite", "dossier_administratif"],
  ["france_travail", "chercher_emploi", "demarche_en_ligne"],
];

const thinkMs = () => 1000 + Math.random() * 2000;

/**
 * Logs every agent in, four at a time: a login claims a throttling slot per address until its
 * password is checked, and every virtual agent comes from the same address.
 */
async function loginAll(emails) {
  const agents = emails.map((email, index) => new Agent(email, index));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < agents.length) {
        const agent = agents[next++];
        for (let attempt = 1; ; attempt++) {
          try {
            await agent.login();
            break;
          } catch (error) {
            if (attempt >= 5) throw error;
            await sleep(1000 * attempt);
          }
        }
      }
    }),
  );
  log(`${agents.length} agents logged in`);
  return agents;
}

async function runAgents(agents, stopAt) {
  await Promise.all(
    agents.map(async (agent) => {
      await sleep(Math.random() * 2000);
      while (Date.now() < stopAt) {
        await agent.step();
        await sleep(thinkMs());
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
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
  const database = await prepareDatabase();
  const emails = await prepareData(database);
  const [{ n: passagesBefore }] = await database.sqlRun("select count(*)::int as n from passages");

  const logFile = path.join(tmpdir(), `guichet-soak-${Date.now()}.log`);
  const stop = await startServer(database.env, logFile);
  const agents = await loginAll(emails);
  const warmupEnd = Date.now() + WARMUP * 1000;
  const stopAt = warmupEnd + DURATION * 1000;
  let serverBefore = 0;
  let machineBefore = null;
  const backendsBefore = new Map();
  const backendsLast = new Map();
  const load = [];
  // Samples the backends' CPU regularly: a backend that exits mid-run keeps its last reading.
  const sampler = setInterval(async () => {
    try {
      for (const [pid, ms] of await database.backendsCpu()) backendsLast.set(pid, ms);
      if (measuring) load.push(loadavg()[0]);
    } catch {
      // the next sample will do
    }
  }, 2000);
  const startMeasure = setTimeout(
    async () => {
      serverBefore = cpuMs(stop.pid);
      machineBefore = machineTicks();
      for (const [pid, ms] of await database.backendsCpu()) {
        backendsBefore.set(pid, ms);
        backendsLast.set(pid, ms);
      }
      stats.clear();
      acknowledged.length = 0;
      measuring = true;
      log(`measuring for ${DURATION} s (load average ${loadavg()[0].toFixed(2)})`);
    },
    Math.max(0, warmupEnd - Date.now()),
  );
  let serverCpu = 0;
  let backendsCpu = 0;
  let machineBusy = 0;
  try {
    await runAgents(agents, stopAt);
    measuring = false;
    clearTimeout(startMeasure);
    serverCpu = cpuMs(stop.pid) - serverBefore;
    for (const [pid, ms] of await database.backendsCpu()) backendsLast.set(pid, ms);
    for (const [pid, ms] of backendsLast) backendsCpu += ms - (backendsBefore.get(pid) ?? 0);
    const machineAfter = machineTicks();
    machineBusy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
  } finally {
    clearInterval(sampler);
    await stop();
  }

  // Every acknowledged recording is stored (the server is stopped: PGlite can be opened).
  const stored = await database.sqlRun("select count(*)::int as n from passages where id = any($1::uuid[])", [
    acknowledged,
  ]);
  const lost = acknowledged.length - stored[0].n;
  const [{ n: passagesAfter }] = await database.sqlRun("select count(*)::int as n from passages");

  let total = 0;
  let errors = 0;
  let refused = 0;
  let p95Max = 0;
  let p99Max = 0;
  const rows = [];
  for (const [route, entry] of [...stats.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const sorted = [...entry.times].sort((a, b) => a - b);
    const [p50, p95, p99] = [50, 95, 99].map((p) => Math.round(percentile(sorted, p)));
    if (route !== "/pilotage with its redirect") {
      total += sorted.length;
      p95Max = Math.max(p95Max, p95);
      p99Max = Math.max(p99Max, p99);
    }
    errors += entry.errors;
    refused += entry.refused;
    const statuses = [...entry.statuses].map(([status, n]) => `${status}×${n}`).join(" ");
    rows.push(
      `| ${route} | ${sorted.length} | ${p50} | ${p95} | ${p99} | ${Math.round(sorted.at(-1) ?? 0)} | ${entry.errors}${statuses ? ` (${statuses})` : ""} | ${entry.refused} |`,
    );
  }
  const rps = total / DURATION;
  const cpuPerRequest = total ? (serverCpu + backendsCpu) / total : 0;
  const meanLoad = load.length ? load.reduce((a, b) => a + b, 0) / load.length : loadavg()[0];
  console.log(`\n${database.label}, ${AGENTS} agents, ${DURATION} s measured after ${WARMUP} s of warm-up`);
  console.log("| route | count | p50 ms | p95 ms | p99 ms | max ms | errors | refused (503) |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
  console.log(
    `throughput ${rps.toFixed(1)} requests/s; CPU per request: server ${(serverCpu / Math.max(total, 1)).toFixed(1)} ms` +
      (options.embedded ? " (PGlite inside)" : `, PostgreSQL ${(backendsCpu / Math.max(total, 1)).toFixed(1)} ms`) +
      `; machine ${Math.round(machineBusy * 100)} % busy, load average ${meanLoad.toFixed(2)} on ${availableParallelism()} cores`,
  );
  console.log(
    `recordings: ${acknowledged.length} acknowledged, ${stored[0].n} of them stored, ${lost} lost ` +
      `(${passagesAfter - passagesBefore} new passages, warm-up included); server log: ${logFile}`,
  );
  console.log(
    `agents=${AGENTS} rps=${rps.toFixed(1)} p95_ms_max=${p95Max} p99_ms_max=${p99Max} errors=${errors} refused=${refused} lost=${lost} cpu_ms_per_request=${cpuPerRequest.toFixed(1)} load=${meanLoad.toFixed(2)}`,
  );
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
