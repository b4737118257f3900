/**
 * A structure's dashboard while its agents record (issue 19, ADR 026). Prepares a PostgreSQL
 * database with the demo and a year of activity for one structure, then marks the newest N passages
 * as waiting for the fold (what a minute of 100 agents leaves) and times the structure's quarter
 * report: with the pending-work cache as the server runs it (each request sees a few new passages)
 * and without it (every waiting passage computed again, as before ADR 026), in the same run.
 *
 *   npm run bench:dashboard -- [--pending N] [--days N] [--runs N] [--keep]
 *
 * Last line: pending=<n> cached_p50_ms=<n> cached_p95_ms=<n> uncached_p50_ms=<n> uncached_p95_ms=<n>
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { loadActor } from "../src/acces/actor.server";
import { connect, installDb, queryRows } from "../src/db/client.server";
import { forgetPendingWork } from "../src/pilotage/pending-work.server";
import { parsePeriod, quarterCode } from "../src/pilotage/period";
import { buildReport } from "../src/pilotage/report.server";
import { parisDay } from "../src/platform/time";
import { guichet } from "./lib/process.mjs";

const { values } = parseArgs({
  options: {
    pending: { type: "string", default: "300" },
    days: { type: "string", default: "365" },
    runs: { type: "string", default: "40" },
    keep: { type: "boolean", default: false },
  },
});
const PENDING = Number(values.pending);
const RUNS = Number(values.runs);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = "guichet_bench_dashboard";
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function admin(query: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], p: number) {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
}

async function timeRuns(run: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main() {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  const env = { DATABASE_URL: url.toString(), DATA_DIR: undefined };
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  try {
    log("seeding the demo and a year of activity…");
    guichet(["db", "seed", "--demo", "--jours", "0"], env);
    const handle = installDb(await connect({ databaseUrl: url.toString() }));
    try {
      const [{ structure_id: structureId, user_id: userId }] = await queryRows<{
        structure_id: string;
        user_id: string;
      }>(
        handle.db,
        sql`select r.structure_id::text, r.user_id::text from role_assignments r where r.role = 'agent' order by r.structure_id limit 1`,
      );
      guichet(["demo", "generate", "--structure", structureId, "--days", String(values.days), "--seed", "bench"], env);
      guichet(["jobs", "run", "--name", "pilotage.fold"], env);
      const actor = await loadActor(userId, { via: "session" });
      if (!actor) throw new Error("no demo agent");
      const period = parsePeriod(quarterCode(parisDay()));
      if (!period) throw new Error("no current quarter");
      // The newest passages wait for the fold again, as recordings of the last minute would.
      const newest = await queryRows<{ id: string }>(
        handle.db,
        sql`select id::text from passages where structure_id = ${structureId} and deleted_at is null order by started_at desc limit ${PENDING + RUNS}`,
      );
      const mark = (ids: string[]) =>
        handle.db.execute(sql`insert into stat_queue (passage_id, structure_id)
          select unnest(${`{${ids.join(",")}}`}::uuid[]), ${structureId}::uuid`);
      await mark(newest.slice(0, PENDING).map((row) => row.id));
      const report = () => buildReport(actor, { level: "structure", id: structureId, period });
      await report();
      // As served: between two requests, one more passage was recorded.
      const cached = await timeRuns(async (i) => {
        await mark([newest[PENDING + i].id]);
        await report();
      });
      const uncached = await timeRuns(async () => {
        forgetPendingWork();
        await report();
      });
      log(
        `${PENDING} passages waiting; structure quarter report with the cache: p50 ${cached.p50} ms, p95 ${cached.p95} ms`,
      );
      log(`without the cache (every waiting passage computed again): p50 ${uncached.p50} ms, p95 ${uncached.p95} ms`);
      console.log(
        `pending=${PENDING} cached_p50_ms=${cached.p50} cached_p95_ms=${cached.p95} uncached_p50_ms=${uncached.p50} uncached_p95_ms=${uncached.p95}`,
      );
    } finally {
      await handle.close();
    }
  } finally {
    if (!values.keep) await admin(`drop database if exists ${DB_NAME} with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
