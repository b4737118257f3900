/**
 * Pilotage at national scale (issue 4). Generates, into a fresh PostgreSQL database, a year of
 * activity for 2,800 structures (12 million sollicitations by default), builds the rollups with the
 * production rebuild (`guichet report rebuild`, one month at a time), then times the reports against the same figures
 * computed naively with GROUP BY on the raw tables, and checks they are identical.
 *
 *   npm run bench:pilotage -- [--rows N] [--structures N] [--keep] [--reuse <database>]
 *
 * --keep leaves the generated database in place; --reuse times the reports again on such a database
 * (after running any new migrations), without generating anything.
 *
 * Last line: national_quarter_ms=<n> naive_national_quarter_ms=<n> structure_year_ms=<n> exact=<true|false>
 */
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { requireOperator } from "../src/acces/operator";
import { connect, installDb, queryRows } from "../src/db/client.server";
import { runMigrations } from "../src/db/migrate.server";
import { parsePeriod } from "../src/pilotage/period";
import { buildReport, type Report } from "../src/pilotage/report.server";
import { setConfig } from "../src/platform/config.server";

const { values } = parseArgs({
  options: {
    rows: { type: "string" },
    structures: { type: "string" },
    keep: { type: "boolean" },
    reuse: { type: "string" },
    url: { type: "string" },
  },
});
const ROWS = Number(values.rows ?? 12_000_000);
const STRUCTURES = Number(values.structures ?? 2_800);
const ADMIN_URL = values.url ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const YEAR = 2025;
const dbName = values.reuse ?? `guichet_bench_pilotage_${Date.now().toString(36)}`;
const withDb = (name: string) => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

// Partner shares of the public 2023 figures, each with one of its bouquet situations.
const PARTNERS: Array<[string, number, string]> = [
  ["france_titres", 19, "papiers_identite"],
  ["caf", 16, "allocation_logement"],
  ["assurance_maladie", 16, "rembourser_soins"],
  ["dgfip", 15, "declarer_impots"],
  ["assurance_retraite", 14, "preparer_retraite"],
  ["france_travail", 6, "chercher_emploi"],
  ["msa", 5, "affilie_msa"],
  ["la_poste", 4, "service_postal"],
  ["justice", 2, "litige_conflit"],
  ["cheque_energie", 1, "energie"],
  ["anah", 1, "energie"],
  ["urssaf", 1, "rembourser_soins"],
];

async function admin(query: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** The raw tables the generator fills. */
const RAW_TABLES = [
  "passages",
  "sollicitations",
  "sollicitation_partenaires",
  "sollicitation_situations",
  "sollicitation_aides",
];

async function generate(url: string) {
  const require = createRequire(import.meta.url);
  const departements = (
    require("@etalab/decoupage-administratif/data/departements.json") as Array<{
      code: string;
      chefLieu: string;
      zone: string;
    }>
  ).filter((d) => (d.zone === "metro" || d.zone === "drom") && /^(\d{2}|2A|2B|97\d)$/.test(d.code));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, query: string, params: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(query, params);
    log(`${label}: ${result.rowCount ?? ""} rows in ${Math.round((performance.now() - started) / 1000)} s`);
  };
  // Bulk load: triggers (and FK checks) off for this session only; CHECK constraints still apply.
  await client.query("set session_replication_role = replica");
  await client.query("set synchronous_commit = off");
  await client.query("set maintenance_work_mem = '1GB'");
  const tables = `'{${RAW_TABLES.join(",")}}'`;
  // Random UUID keys make index inserts random reads once the tables outgrow the cache: load the raw
  // tables without their keys and indexes, then build them once, sorted (foreign keys come back
  // NOT VALID: the generator makes only consistent rows).
  await step(
    "keys and indexes set aside",
    `create table bench_ddl as
       select case contype when 'f' then 0 else 1 end as drop_rank, case contype when 'f' then 3 else 1 end as add_rank,
         'alter table ' || conrelid::regclass || ' drop constraint ' || quote_ident(conname) as drop_ddl,
         'alter table ' || conrelid::regclass || ' add constraint ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid) || case when contype = 'f' then ' not valid' else '' end as add_ddl
       from pg_constraint
       where contype in ('p', 'u', 'f') and (conrelid = any(${tables}::regclass[]) or confrelid = any(${tables}::regclass[]))
       union all
       select 2, 2, 'drop index ' || quote_ident(indexname), indexdef
       from pg_indexes where tablename = any(${tables}::text[]) and indexname not in (select conname from pg_constraint);
     do $$ declare d record; begin
       for d in select drop_ddl from bench_ddl order by drop_rank loop execute d.drop_ddl; end loop;
     end $$;`,
  );
  await step(
    "départements",
    "create table bench_deps as select (row_number() over ()) - 1 as idx, code, chef_lieu from unnest($1::text[], $2::text[]) as t(code, chef_lieu)",
    [departements.map((d) => d.code), departements.map((d) => d.chefLieu)],
  );
  await step(
    "structures",
    `create table bench_struct as
       select i as idx, gen_random_uuid() as structure_id, gen_random_uuid() as agent_id, d.code, d.chef_lieu
       from generate_series(0, ${STRUCTURES} - 1) i join bench_deps d on d.idx = i % (select count(*) from bench_deps);
     insert into structures (id, nom, label, format, gestionnaire_type, gestionnaire_nom, adresse, code_postal, commune_insee, departement, statut)
       select structure_id, 'France Services banc ' || idx, case when idx % 10 = 0 then 'msap' else 'france_services' end,
         (array['fixe','fixe','fixe','fixe','multi_site','bus','itinerante'])[1 + idx % 7], 'commune', 'Commune', '1 place de la Mairie', '00000', chef_lieu, code, 'ouverte'
       from bench_struct;
     insert into users (id, email, prenom, nom) select agent_id, 'agent' || idx || '@banc.guichet.test', 'Agent', 'Banc' || idx from bench_struct;`,
  );
  const passages = Math.round(ROWS / 1.5);
  await step(
    "passages",
    `insert into passages (id, structure_id, agent_id, started_at, duree_minutes, canal, avec_rdv, genre, tranche_age, attente_secondes)
     select gen_random_uuid(), s.structure_id, s.agent_id,
       timestamptz '${YEAR}-01-01 08:00:00+01' + (floor(random() * 365))::int * interval '1 day' + (random() * 9 * 3600) * interval '1 second',
       case when random() < 0.8 then 5 + floor(random() * 40)::int end, c.canal,
       c.canal in ('accueil_physique', 'telephone', 'visio') and random() < 0.2,
       (array['femme', 'homme', null])[1 + floor(random() * 3)::int],
       (array['moins_26', '26_39', '40_54', '55_64', '65_74', '75_plus', null])[1 + floor(random() * 7)::int],
       case when c.canal = 'accueil_physique' and random() < 0.5 then floor(random() * 1800)::int end
     from (select g, (array['accueil_physique','accueil_physique','accueil_physique','accueil_physique','telephone','telephone','courriel','visio','hors_les_murs','courrier'])[1 + floor(random() * 10)::int] as canal
           from generate_series(1, $1::int) g) c
     join bench_struct s on s.idx = c.g % $2::int`,
    [passages, STRUCTURES],
  );
  await step(
    "sollicitations",
    `insert into sollicitations (id, passage_id, position, autonomie, issue)
     select gen_random_uuid(), p.id, k,
       (array['autonome', 'partiellement', 'entierement'])[1 + floor(random() * 3)::int],
       case when random() < 0.82 then 'resolu_sur_place' else (array['oriente_partenaire', 'rdv_partenaire', 'a_escalader', 'attente_pieces', 'non_resolu'])[1 + floor(random() * 5)::int] end
     from passages p cross join lateral generate_series(1, 1 + (hashtext(p.id::text) & 1)) k`,
  );
  let low = 0;
  const buckets = PARTNERS.map(([key, share, situation]) => {
    const row = `(${low}, ${low + share}, '${key}', '${situation}')`;
    low += share;
    return row;
  });
  await step(
    "partners, situations and kinds of help",
    `create table bench_partner (lo int, hi int, key text, situation text);
     insert into bench_partner values ${buckets.join(", ")};
     create table bench_pick as select s.id, bp.key, bp.situation from (select id, floor(random() * 100)::int as b from sollicitations) s
       join bench_partner bp on s.b >= bp.lo and s.b < bp.hi;
     insert into sollicitation_partenaires (id, sollicitation_id, partner_key) select gen_random_uuid(), id, key from bench_pick;
     insert into sollicitation_situations (sollicitation_id, situation_key) select id, situation from bench_pick;
     insert into sollicitation_aides (sollicitation_id, aide_key)
       select id, (array['information', 'mise_en_relation', 'demarche_en_ligne', 'outils_numeriques', 'dossier_administratif'])[1 + floor(random() * 5)::int] from sollicitations;
     drop table bench_pick; drop table bench_partner; drop table bench_struct; drop table bench_deps;`,
  );
  await step(
    "keys and indexes rebuilt",
    `do $$ declare d record; begin
       for d in select add_ddl from bench_ddl order by add_rank loop execute d.add_ddl; end loop;
     end $$; drop table bench_ddl;`,
  );
  await client.query("set session_replication_role = origin");
  await step("analyze", "analyze");
  // Rollups through `guichet report rebuild`'s function, one month (one transaction) at a time.
  for (let month = 1; month <= 12; month++) {
    await step(
      `rollups ${YEAR}-${String(month).padStart(2, "0")}`,
      `select stat_rebuild_month('${YEAR}-${String(month).padStart(2, "0")}-01')`,
    );
  }
  // Autovacuum would have analysed the rollups over the year.
  await step("vacuum analyze", "vacuum analyze");
  await client.end();
}

async function timed<T>(work: () => Promise<T>, runs = 5): Promise<{ ms: number; result: T }> {
  let result = await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[Math.floor(times.length / 2)] * 10) / 10, result };
}

type NaiveFigures = {
  totals: { passages: number; sollicitations: number };
  byPartner: Record<string, number>;
  byCanal: Record<string, number>;
  byDepartement: Record<string, number>;
};

/** The same figures straight from the raw tables, as one would without rollups. */
async function naiveNational(db: Parameters<typeof queryRows>[0], from: string, to: string): Promise<NaiveFigures> {
  const range = sql`p.deleted_at is null and p.started_at >= (${from}::date)::timestamp at time zone 'Europe/Paris' and p.started_at < ((${to}::date + 1))::timestamp at time zone 'Europe/Paris'`;
  const [totals] = await queryRows<{ passages: string; sollicitations: string }>(
    db,
    sql`select count(distinct p.id) as passages, count(s.id) as sollicitations from passages p join sollicitations s on s.passage_id = p.id where ${range}`,
  );
  const partners = await queryRows<{ k: string; n: string }>(
    db,
    sql`select sp.partner_key as k, count(distinct s.id) as n from passages p join sollicitations s on s.passage_id = p.id join sollicitation_partenaires sp on sp.sollicitation_id = s.id where ${range} group by 1`,
  );
  const canals = await queryRows<{ k: string; n: string }>(
    db,
    sql`select p.canal as k, count(*) as n from passages p where ${range} group by 1`,
  );
  const departements = await queryRows<{ k: string; n: string }>(
    db,
    sql`select st.departement as k, count(s.id) as n from passages p join structures st on st.id = p.structure_id join sollicitations s on s.passage_id = p.id where ${range} group by 1`,
  );
  const asRecord = (rows: Array<{ k: string; n: string }>) =>
    Object.fromEntries(rows.map((row) => [row.k, Number(row.n)]));
  return {
    totals: { passages: Number(totals.passages), sollicitations: Number(totals.sollicitations) },
    byPartner: asRecord(partners),
    byCanal: asRecord(canals),
    byDepartement: asRecord(departements),
  };
}

function sameFigures(report: Report, naive: NaiveFigures): boolean {
  const breakdown = (dimension: string, measure: "passages" | "sollicitations") =>
    Object.fromEntries(
      report.repartitions.find((r) => r.dimension === dimension)!.lignes.map((row) => [row.cle, row[measure]]),
    );
  const checks = [
    report.totaux.passages === naive.totals.passages,
    report.totaux.sollicitations === naive.totals.sollicitations,
    JSON.stringify(sortKeys(breakdown("partenaire", "sollicitations"))) === JSON.stringify(sortKeys(naive.byPartner)),
    JSON.stringify(sortKeys(breakdown("canal", "passages"))) === JSON.stringify(sortKeys(naive.byCanal)),
    JSON.stringify(sortKeys(Object.fromEntries((report.departements ?? []).map((d) => [d.code, d.sollicitations])))) ===
      JSON.stringify(sortKeys(naive.byDepartement)),
  ];
  if (!checks.every(Boolean)) log(`mismatch: ${JSON.stringify(checks)}`);
  return checks.every(Boolean);
}

function sortKeys(record: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

async function main() {
  setConfig({ LOG_LEVEL: "silent" });
  log(
    values.reuse
      ? `database ${dbName}, reused`
      : `database ${dbName}: ${STRUCTURES} structures, ${ROWS} sollicitations`,
  );
  if (!values.reuse) await admin(`create database "${dbName}"`);
  const handle = installDb(await connect({ databaseUrl: withDb(dbName) }));
  try {
    await runMigrations(handle);
    if (!values.reuse) await generate(withDb(dbName));
    const operator = requireOperator();
    const quarter = parsePeriod(`${YEAR}-Q2`)!;
    const year = parsePeriod(String(YEAR))!;
    const [{ departement }] = await queryRows<{ departement: string }>(
      handle.db,
      sql`select departement from structures group by 1 order by count(*) desc limit 1`,
    );
    const [{ id: structureId }] = await queryRows<{ id: string }>(
      handle.db,
      sql`select id from structures order by nom limit 1`,
    );

    const national = await timed(() => buildReport(operator, { level: "national", id: null, period: quarter }));
    const departementReport = await timed(() =>
      buildReport(operator, { level: "departement", id: departement, period: quarter }),
    );
    const structureYear = await timed(() =>
      buildReport(operator, { level: "structure", id: structureId, period: year }),
    );
    const naive = await timed(() => naiveNational(handle.db, quarter.from, quarter.to), 2);
    const exact = sameFigures(national.result, naive.result);
    log(`national quarter: ${national.ms} ms (${national.result.totaux.sollicitations} sollicitations)`);
    log(`département ${departement} quarter: ${departementReport.ms} ms`);
    log(`structure year: ${structureYear.ms} ms`);
    log(`naive national quarter (GROUP BY on raw tables): ${naive.ms} ms`);
    console.log(
      `national_quarter_ms=${national.ms} naive_national_quarter_ms=${naive.ms} structure_year_ms=${structureYear.ms} exact=${exact}`,
    );
  } finally {
    await handle.close();
    if (!values.keep && !values.reuse) await admin(`drop database if exists "${dbName}" with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
