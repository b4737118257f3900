import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ParseArgsConfig } from "node:util";
import { requireOperator } from "../acces/operator";
import { isRole, ROLES } from "../acces/roles";
import { describeVerification, verifyAuditChain } from "../audit/journal.server";
import { createApiToken, revokeApiToken } from "../auth/api-tokens.server";
import { resetSecondFactor } from "../auth/totp.server";
import { createUser } from "../comptes/create-user.server";
import { closeDb } from "../db/client.server";
import { generateActivity } from "../demo/generate-activity.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, databaseIsEmpty, seedDemo } from "../demo/seed-demo.server";
import { isAppError } from "../platform/app-error";
import { config, setConfig } from "../platform/config.server";
import { runJob, startScheduler } from "../platform/jobs.server";
import { logger } from "../platform/logger.server";
import { isUuid } from "../platform/validation";
import { openConfiguredDatabase } from "./open-database";
import { SCHEDULED_JOBS } from "./scheduled-jobs";

type Values = Record<string, string | boolean | undefined>;
export type Command = {
  name: string[];
  usage: string;
  summary: string;
  options?: ParseArgsConfig["options"];
  /** Exit code, or -1 to keep the process running (serve). */
  run(values: Values): Promise<number>;
};

/** Days of fictional activity the demo starts with (a short window keeps the first start quick). */
const DEMO_ACTIVITY_DAYS = 21;

function demoActivityDays(value: unknown): number {
  const days = value === undefined ? DEMO_ACTIVITY_DAYS : Number(value);
  if (!Number.isInteger(days) || days < 0 || days > 730) throw new Error("--jours attend un nombre entier de 0 à 730.");
  return days;
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Prints a message on stderr and returns the exit code it goes with. */
function fail(line: string, code: number): number {
  err(line);
  return code;
}

/** Opens the database, runs the work, closes; domain errors print their French message. */
async function withDatabase(work: () => Promise<number>, options: { auditKey?: boolean } = {}): Promise<number> {
  await openConfiguredDatabase(options);
  try {
    return await work();
  } catch (error) {
    if (isAppError(error)) {
      err(`Erreur : ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await closeDb();
  }
}

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new Error(`l’option --${name} est obligatoire.`);
  return value.trim();
}

export const COMMANDS: Command[] = [
  {
    name: ["db", "migrate"],
    usage: "db migrate",
    summary: "Applique les migrations de la base.",
    run: () =>
      // Migrating writes no audit entry: the deployment job that migrates needs no audit key.
      withDatabase(
        async () => {
          out("Migrations appliquées.");
          return 0;
        },
        { auditKey: false },
      ),
  },
  {
    name: ["db", "seed"],
    usage: "db seed --demo [--jours N]",
    summary: "Charge les données de démonstration (base vide uniquement).",
    options: { demo: { type: "boolean" }, jours: { type: "string" } },
    run: (values) =>
      withDatabase(async () => {
        requireOperator();
        if (!values.demo) return fail("Seules les données de démonstration existent : ajoutez --demo.", 2);
        if (!(await databaseIsEmpty())) return fail("La base contient déjà des comptes : rien n’a été chargé.", 1);
        const result = await seedDemo(requireOperator(), { activityDays: demoActivityDays(values.jours) });
        out(
          `Démonstration chargée : ${result.structures} structures, ${result.accounts} comptes (mot de passe : ${DEMO_PASSWORD}), ${result.passages} passages.`,
        );
        return 0;
      }),
  },
  {
    name: ["user", "create"],
    usage: "user create --email E --role R [--structure ID|--departement D|--partner P]",
    summary: "Crée un compte (un lien de mot de passe oublié permet ensuite de se connecter).",
    options: {
      email: { type: "string" },
      role: { type: "string" },
      structure: { type: "string" },
      departement: { type: "string" },
      partner: { type: "string" },
      prenom: { type: "string" },
      nom: { type: "string" },
      password: { type: "string" },
    },
    run: (values) =>
      withDatabase(async () => {
        const actor = requireOperator();
        const role = required(values, "role");
        if (!isRole(role)) return fail(`Rôle inconnu : ${role}. Rôles : ${ROLES.join(", ")}.`, 2);
        const id = await createUser(actor, {
          email: required(values, "email"),
          prenom: (values.prenom as string) ?? "Prénom",
          nom: (values.nom as string) ?? "Nom",
          password: (values.password as string) ?? null,
          roles: [
            {
              role,
              structureId: (values.structure as string) ?? null,
              departement: (values.departement as string) ?? null,
              partnerKey: (values.partner as string) ?? null,
            },
          ],
        });
        out(`Compte créé : ${id}`);
        return 0;
      }),
  },
  {
    name: ["user", "reset-2fa"],
    usage: "user reset-2fa --email E",
    summary: "Désactive la double authentification d’un compte (perte du téléphone).",
    options: { email: { type: "string" } },
    run: (values) =>
      withDatabase(async () => {
        await resetSecondFactor(requireOperator(), required(values, "email"));
        out("Double authentification réinitialisée : le compte devra la configurer à sa prochaine connexion.");
        return 0;
      }),
  },
  {
    name: ["token", "create"],
    usage: "token create --user E [--name N]",
    summary: "Crée un jeton d’API (affiché une seule fois) pour /api/v1.",
    options: { user: { type: "string" }, name: { type: "string" } },
    run: (values) =>
      withDatabase(async () => {
        requireOperator();
        const result = await createApiToken({
          email: required(values, "user"),
          name: (values.name as string) ?? "jeton CLI",
          actorRole: "cli",
        });
        out(result.token);
        return 0;
      }),
  },
  {
    name: ["token", "revoke"],
    usage: "token revoke --id ID",
    summary: "Révoque un jeton d’API.",
    options: { id: { type: "string" } },
    run: (values) =>
      withDatabase(async () => {
        requireOperator();
        await revokeApiToken({ id: required(values, "id"), actorRole: "cli" });
        out("Jeton révoqué.");
        return 0;
      }),
  },
  {
    name: ["audit", "verify"],
    usage: "audit verify [--seal-file F]",
    summary:
      "Vérifie le journal d’audit : empreintes, signatures (AUDIT_HMAC_KEY) et sceaux (fichier de sceaux, ou un export du journal applicatif avec --seal-file).",
    options: { "seal-file": { type: "string" } },
    run: (values) =>
      withDatabase(async () => {
        requireOperator();
        const sealFile = values["seal-file"];
        const result = await verifyAuditChain(undefined, {
          sealFile: typeof sealFile === "string" ? path.resolve(sealFile) : undefined,
        });
        if (result.ok) {
          out(describeVerification(result));
          return 0;
        }
        err(describeVerification(result));
        return 3;
      }),
  },
  {
    name: ["jobs", "run"],
    usage: "jobs run --name J [--dry-run]",
    summary: `Exécute une tâche de fond maintenant (${SCHEDULED_JOBS.map((job) => job.name).join(", ")}).`,
    options: { name: { type: "string" }, "dry-run": { type: "boolean" } },
    run: (values) =>
      withDatabase(async () => {
        requireOperator();
        const job = SCHEDULED_JOBS.find((candidate) => candidate.name === values.name);
        if (!job)
          return fail(`Tâche inconnue. Tâches : ${SCHEDULED_JOBS.map((candidate) => candidate.name).join(", ")}.`, 2);
        const result = await runJob(job, { dryRun: Boolean(values["dry-run"]) });
        out(
          `${job.name} : ${result.status}${values["dry-run"] ? " (simulation, rien n’a été modifié)" : ""} ${JSON.stringify(result.counts)}`,
        );
        return result.status === "failed" ? 1 : 0;
      }),
  },
  {
    name: ["demo", "generate"],
    usage: "demo generate --structure ID [--days 365] [--per-day N] [--seed S]",
    summary:
      "Génère une activité d’accueil fictive et réaliste (jours ouvrés, parts des partenaires de 2023) pour une structure.",
    options: {
      structure: { type: "string" },
      days: { type: "string" },
      "per-day": { type: "string" },
      seed: { type: "string" },
    },
    run: (values) =>
      withDatabase(async () => {
        requireOperator();
        const days = Number(values.days ?? 365);
        const perDay = values["per-day"] === undefined ? undefined : Number(values["per-day"]);
        if (!Number.isInteger(days) || days < 1 || days > 3660)
          return fail("--days : un nombre entier de jours entre 1 et 3660.", 2);
        if (perDay !== undefined && (!Number.isFinite(perDay) || perDay <= 0 || perDay > 1000))
          return fail("--per-day : un nombre de passages par jour ouvré entre 1 et 1000.", 2);
        const structureId = required(values, "structure");
        if (!isUuid(structureId)) return fail("--structure : l’identifiant (UUID) d’une structure.", 2);
        const result = await generateActivity({ structureId, days, perDay, seed: values.seed as string | undefined });
        out(
          `Activité générée du ${result.firstDay} au ${result.lastDay} : ${result.passages} passages, ${result.sollicitations} demandes (graine ${result.seed}).`,
        );
        return 0;
      }),
  },
  {
    name: ["report", "verify"],
    usage: "report verify [--period P]",
    summary:
      "Recalcule les cumuls du pilotage depuis les enregistrements et les compare (par défaut : l’année en cours).",
    options: { period: { type: "string" } },
    run: (values) =>
      withDatabase(async () => {
        requireOperator();
        const { reportPeriodSchema } = await import("../pilotage/report-request");
        const { verifyRollups } = await import("../pilotage/rollups.server");
        const { parisDay } = await import("../platform/time");
        const parsed = reportPeriodSchema.safeParse(
          typeof values.period === "string" ? values.period : parisDay().slice(0, 4),
        );
        if (!parsed.success) return fail(`--period : ${parsed.error.issues[0].message}`, 2);
        const result = await verifyRollups(parsed.data);
        if (result.ok) {
          out(`Cumuls exacts : ${result.checkedRows} lignes vérifiées (${parsed.data.label}).`);
          return 0;
        }
        out(`Cumuls inexacts (${parsed.data.label}) : ${result.mismatches.length} différence(s).`);
        for (const mismatch of result.mismatches)
          out(`  ${mismatch.niveau} ${mismatch.cle} : attendu ${mismatch.attendu}, trouvé ${mismatch.trouve}`);
        return 3;
      }),
  },
  {
    name: ["report", "rebuild"],
    usage: "report rebuild --period P",
    summary:
      "Reconstruit depuis les enregistrements les cumuls du pilotage des mois que touche la période (tout le réseau).",
    options: { period: { type: "string" } },
    run: (values) =>
      withDatabase(async () => {
        requireOperator();
        const { reportPeriodSchema } = await import("../pilotage/report-request");
        const { rebuildRollups } = await import("../pilotage/rollups.server");
        const parsed = reportPeriodSchema.safeParse(values.period);
        if (!parsed.success) return fail(`--period : ${parsed.error.issues[0].message}`, 2);
        const result = await rebuildRollups(parsed.data);
        out(
          `Cumuls reconstruits : ${result.months.length} mois (${result.months.join(", ")}), ${result.rows} lignes journalières.`,
        );
        return 0;
      }),
  },
  {
    name: ["report"],
    usage: "report --level L [--id ID] --period P [--format json|csv|xlsx|pdf] [--dimension D] [--output F]",
    summary:
      "Rapport de pilotage (structure, departement ou national) : JSON ou CSV à l’écran, XLSX ou PDF dans --output.",
    options: {
      level: { type: "string" },
      id: { type: "string" },
      period: { type: "string" },
      format: { type: "string" },
      dimension: { type: "string" },
      output: { type: "string" },
    },
    run: (values) =>
      withDatabase(async () => {
        const actor = requireOperator();
        const { parseReportRequest } = await import("../pilotage/report-request");
        const { renderReportFile } = await import("../pilotage/report-file.server");
        const parsed = parseReportRequest({
          niveau: values.level,
          id: values.id,
          periode: values.period,
          format: values.format,
          dimension: values.dimension,
        });
        if (!parsed.ok) {
          const options: Record<string, string> = {
            niveau: "level",
            id: "id",
            periode: "period",
            format: "format",
            dimension: "dimension",
          };
          for (const [field, messages] of Object.entries(parsed.fields))
            err(`--${options[field] ?? field} : ${messages.join(" ")}`);
          return 2;
        }
        const output = typeof values.output === "string" && values.output.trim() ? values.output.trim() : null;
        if (!output && (parsed.request.format === "xlsx" || parsed.request.format === "pdf"))
          return fail("--output : indiquez le fichier à écrire (obligatoire pour xlsx et pdf).", 2);
        const file = await renderReportFile(actor, parsed.request);
        if (output) {
          const { writeFile } = await import("node:fs/promises");
          await writeFile(output, file.body);
          out(`Rapport écrit dans ${output}.`);
        } else {
          await new Promise<void>((resolve, reject) =>
            process.stdout.write(file.body, (error) => (error ? reject(error) : resolve())),
          );
        }
        return 0;
      }),
  },
  {
    name: ["retention", "run"],
    usage: "retention run [--dry-run]",
    summary:
      "Détruit maintenant les données personnelles dont la durée de conservation est échue (--dry-run : montre ce qui partirait).",
    options: { "dry-run": { type: "boolean" } },
    run: (values) =>
      withDatabase(async () => {
        requireOperator();
        const { retentionJob } = await import("../retention/retention.job");
        const dryRun = Boolean(values["dry-run"]);
        const result = await runJob(retentionJob, { dryRun });
        if (result.status === "failed")
          return fail(`Échec de la destruction : ${result.error ?? "erreur inconnue"}`, 1);
        if (result.status === "skipped") return fail("Une autre exécution est en cours : rien n’a été fait.", 1);
        const labels: Record<string, string> = {
          demarchesSignalees: "démarches signalées pour inactivité",
          demarchesInactivesDetruites: "démarches inactives closes et détruites",
          demarchesDetruites: "démarches terminées ou abandonnées détruites",
          usagersDetruits: "fiches usager détruites",
          mandatsDetruits: "mandats détruits après leur durée de preuve",
        };
        out(dryRun ? "Simulation (rien n’a été modifié) :" : "Destruction effectuée :");
        for (const [key, count] of Object.entries(result.counts)) out(`  ${labels[key] ?? key} : ${count}`);
        return 0;
      }),
  },
  {
    name: ["referents", "confirm-request"],
    usage: "referents confirm-request [--dry-run]",
    summary:
      "Demande maintenant à chaque groupe de référents de confirmer ses coordonnées (la demande annuelle, à la main).",
    options: { "dry-run": { type: "boolean" } },
    run: (values) =>
      withDatabase(async () => {
        requireOperator();
        const { directoryFreshnessJob } = await import("../saisines/directory-freshness.job");
        const dryRun = Boolean(values["dry-run"]);
        const result = await runJob(directoryFreshnessJob, { dryRun, payload: { all: true } });
        if (result.status !== "succeeded")
          return fail(`Échec de la demande : ${result.error ?? "une autre exécution est en cours"}`, 1);
        out(
          `${dryRun ? "Simulation (rien n’a été envoyé) : " : ""}${result.counts.demandes ?? 0} groupe(s) sollicité(s), ${result.counts.signalees ?? 0} entrée(s) ancienne(s) signalée(s) au coordinateur.`,
        );
        return 0;
      }),
  },
  {
    name: ["serve"],
    usage: "serve [--demo] [--port N] [--build-dir D]",
    summary: "Démarre le serveur web (avec --demo : données de démonstration si la base est vide).",
    options: { demo: { type: "boolean" }, port: { type: "string" }, "build-dir": { type: "string" } },
    run: async (values) => {
      requireOperator();
      if (values.demo) setConfig({ DEMO_MODE: true });
      if (values.port) setConfig({ PORT: Number(values.port) });
      const started = Date.now();
      await openConfiguredDatabase();
      if (config().DEMO_MODE && (await databaseIsEmpty())) {
        await seedDemo(requireOperator(), { activityDays: DEMO_ACTIVITY_DAYS });
        out(
          `Données de démonstration chargées. Comptes (mot de passe ${DEMO_PASSWORD}) : ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`,
        );
      }
      // Loaded here only: the other commands need no web server.
      const { createApp, listen } = await import("../platform/http-server.server");
      const buildDir = path.resolve(String(values["build-dir"] ?? process.env.GUICHET_BUILD_DIR ?? "build"));
      const build = await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href);
      const server = await listen(createApp(build, path.join(buildDir, "client")), config().PORT, config().HOST);
      logger().info({ port: config().PORT, ms: Date.now() - started, demo: config().DEMO_MODE }, "guichet started");
      out(`Guichet est prêt : port ${config().PORT}, adresse publique ${config().PUBLIC_URL}`);
      const stopScheduler = startScheduler(SCHEDULED_JOBS);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger().info({ signal }, "shutting down");
        stopScheduler();
        server.close(() => {
          closeDb().finally(() => {
            logger().flush();
            process.exit(0);
          });
        });
        server.closeIdleConnections();
        setTimeout(() => process.exit(1), 10_000).unref();
      };
      process.on("SIGTERM", () => stop("SIGTERM"));
      process.on("SIGINT", () => stop("SIGINT"));
      return -1;
    },
  },
];
