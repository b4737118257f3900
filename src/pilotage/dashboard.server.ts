import { data, redirect } from "react-router";
import { z } from "zod";
import { type Actor, actorStructures } from "../acces/actor.server";
import { orErrorPage } from "../acces/guards.server";
import { canSeeDepartement } from "../acces/tenant-scope.server";
import { ERROR_MESSAGES } from "../platform/app-error";
import { isIsoDay, parisDay, shiftDay } from "../platform/time";
import { departementLabel } from "../territoire/territoire";
import { STRUCTURE_ONLY_DIMENSIONS } from "./aggregate.server";
import type { Dimension } from "./labels";
import { dayCount, knownPeriod, type Period } from "./period";
import {
  type BreakdownRow,
  buildReport,
  INACTIVITY_ALERT_DAYS,
  type Level,
  type Report,
  resolveReportScope,
} from "./report.server";
import { reportPeriodSchema } from "./report-request";

/**
 * The pilotage dashboards (structure, département, national): the period chosen in the page's GET
 * form, the report of that period, and what the page links to (neighbouring periods, other levels
 * the actor may see, exports). Everything is read through buildReport, which applies the access rules.
 */

export const PERIOD_KINDS = {
  jour: "Jour",
  semaine: "Semaine",
  mois: "Mois",
  trimestre: "Trimestre",
  annee: "Année",
  personnalise: "Période personnalisée",
} as const satisfies Record<Period["kind"], string>;

export type PeriodFormValues = { type: string; date: string; du: string; au: string };
export type PeriodFormErrors = Partial<Record<keyof PeriodFormValues, string>>;

const DATE_MESSAGE = "Indiquez un jour compris dans la période, au format JJ/MM/AAAA.";
const MAX_CUSTOM_DAYS = 366 * 3;

/** The period form (GET): a kind, a day inside the wanted period, or two days for a custom period. */
export const periodFormSchema = z
  .object({
    type: z.enum(Object.keys(PERIOD_KINDS) as [Period["kind"], ...Period["kind"][]], {
      error: "Choisissez le type de période.",
    }),
    date: z.string().trim().optional(),
    du: z.string().trim().optional(),
    au: z.string().trim().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.type !== "personnalise") {
      if (!value.date || !isIsoDay(value.date)) ctx.addIssue({ code: "custom", path: ["date"], message: DATE_MESSAGE });
      return;
    }
    const du = value.du && isIsoDay(value.du) ? value.du : null;
    const au = value.au && isIsoDay(value.au) ? value.au : null;
    if (!du) ctx.addIssue({ code: "custom", path: ["du"], message: "Indiquez la date de début au format JJ/MM/AAAA." });
    if (!au) ctx.addIssue({ code: "custom", path: ["au"], message: "Indiquez la date de fin au format JJ/MM/AAAA." });
    if (!du || !au) return;
    if (au < du) {
      ctx.addIssue({
        code: "custom",
        path: ["au"],
        message: "La date de fin doit être le même jour que la date de début ou après.",
      });
    } else if (dayCount(du, au) > MAX_CUSTOM_DAYS) {
      ctx.addIssue({ code: "custom", path: ["au"], message: "Une période personnalisée couvre au plus trois ans." });
    }
  });

/** A period code read with the bounds every report applies (years 2000 to 2100); null when invalid. */
function readPeriod(code: string): Period | null {
  const parsed = reportPeriodSchema.safeParse(code);
  return parsed.success ? parsed.data : null;
}

/** "2026-W38": the ISO week of a day (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekCode(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = shiftDay(day, 3 - ((date.getUTCDay() + 6) % 7));
  const year = Number(thursday.slice(0, 4));
  const week =
    Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export function quarterCode(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The period code of a kind of period containing `day`, or of the custom days. */
function codeFor(kind: Period["kind"], day: string, du?: string, au?: string): string {
  switch (kind) {
    case "jour":
      return day;
    case "semaine":
      return isoWeekCode(day);
    case "mois":
      return day.slice(0, 7);
    case "trimestre":
      return quarterCode(day);
    case "annee":
      return day.slice(0, 4);
    default:
      return `${du}..${au}`;
  }
}

/** The same kind of period just before (-1) or after (+1), with a code a person can read. */
export function shiftPeriod(period: Period, step: -1 | 1): Period | null {
  const year = Number(period.from.slice(0, 4));
  const month = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case "annee":
      return readPeriod(String(year + step).padStart(4, "0"));
    case "trimestre": {
      const index = year * 4 + Math.floor((month - 1) / 3) + step;
      return readPeriod(`${String(Math.floor(index / 4)).padStart(4, "0")}-Q${(index % 4) + 1}`);
    }
    case "mois": {
      const index = year * 12 + (month - 1) + step;
      return readPeriod(
        `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`,
      );
    }
    case "semaine":
      return readPeriod(isoWeekCode(shiftDay(period.from, step * 7)));
    case "jour":
      return readPeriod(shiftDay(period.from, step));
    default: {
      const length = dayCount(period.from, period.to);
      return readPeriod(`${shiftDay(period.from, step * length)}..${shiftDay(period.to, step * length)}`);
    }
  }
}

/** Breakdowns whose unit is the sollicitation (a passage holds several); the others count passages. */
const SOLLICITATION_DIMENSIONS: readonly Dimension[] = [
  "partenaire",
  "domaine",
  "situation",
  "aide",
  "issue",
  "autonomie",
  "signalement",
];

export type DashboardBreakdown = {
  dimension: Dimension;
  titre: string;
  mesure: "passages" | "sollicitations";
  total: number;
  lignes: BreakdownRow[];
};
export type EvolutionPoint = { debut: string; passages: number; sollicitations: number };
export type DashboardLink = { href: string; label: string; current: boolean };
export type ExportLinks = {
  rapport: { pdf: string; xlsx: string; kind: Period["kind"] };
  bilanAnnuel: { page: string; pdf: string; xlsx: string; annee: string };
  csv: Partial<Record<Dimension, string>>;
};

export type DashboardPage = {
  niveau: Level;
  id: string | null;
  libelle: string;
  periode: { code: string; kind: Period["kind"]; du: string; au: string; libelle: string };
  form: {
    values: PeriodFormValues;
    errors: PeriodFormErrors;
    formError: string | null;
    kinds: Array<{ value: string; label: string }>;
  };
  precedente: DashboardLink | null;
  suivante: DashboardLink | null;
  niveaux: DashboardLink[];
  /** Days without a passage before a structure is flagged « sans saisie ». */
  joursSansSaisie: number;
  report: null | {
    /** The report without its breakdowns and evolution, which come below in the dashboard's shape. */
    data: Omit<Report, "repartitions" | "evolution">;
    repartitions: DashboardBreakdown[];
    evolution: { parSemaine: EvolutionPoint[]; parMois: EvolutionPoint[] };
    exports: ExportLinks;
  };
};

export type DashboardResult =
  | { kind: "redirect"; location: string }
  | { kind: "page"; status: 200 | 400; page: DashboardPage };

export function dashboardPath(level: Level, id: string | null, periodCode?: string): string {
  const base =
    level === "national"
      ? "/pilotage/national"
      : level === "departement"
        ? `/pilotage/departements/${id}`
        : `/pilotage/structures/${id}`;
  return periodCode ? `${base}?periode=${encodeURIComponent(periodCode)}` : base;
}

export function exportHref(
  level: Level,
  id: string | null,
  periodCode: string,
  format: "pdf" | "xlsx" | "csv",
  dimension?: Dimension,
): string {
  const params = new URLSearchParams({ niveau: level });
  if (id) params.set("id", id);
  params.set("periode", periodCode);
  params.set("format", format);
  if (dimension) params.set("dimension", dimension);
  return `/pilotage/export?${params.toString()}`;
}

/** Where /pilotage sends an actor: the widest level they may see. */
export function naturalDashboard(actor: Actor): { level: Level; id: string | null } | null {
  if (actor.roles.has("national") || actor.roles.has("admin")) return { level: "national", id: null };
  if (actor.coordinateurDepartements.length > 0) return { level: "departement", id: actor.coordinateurDepartements[0] };
  if (actor.currentStructureId) return { level: "structure", id: actor.currentStructureId };
  return null;
}

/** The other dashboards the actor may open (national, their départements, their structures). */
async function dashboardLevels(
  actor: Actor,
  current: { level: Level; id: string | null; departement: string | null },
  periodCode: string,
): Promise<DashboardLink[]> {
  const links: DashboardLink[] = [];
  const isCurrent = (level: Level, id: string | null) => current.level === level && current.id === id;
  if (actor.roles.has("national") || actor.roles.has("admin")) {
    links.push({
      href: dashboardPath("national", null, periodCode),
      label: "National",
      current: isCurrent("national", null),
    });
  }
  const departements = [...actor.coordinateurDepartements];
  if (
    current.departement &&
    !departements.includes(current.departement) &&
    canSeeDepartement(actor, current.departement)
  )
    departements.push(current.departement);
  for (const code of departements) {
    links.push({
      href: dashboardPath("departement", code, periodCode),
      label: `Département ${departementLabel(code)}`,
      current: isCurrent("departement", code),
    });
  }
  for (const structure of await actorStructures(actor)) {
    links.push({
      href: dashboardPath("structure", structure.id, periodCode),
      label: structure.nom,
      current: isCurrent("structure", structure.id),
    });
  }
  return links;
}

/**
 * Every week (Monday) and month (first day) of the period up to today, zeros included, so the
 * charts keep their time scale (and do not show the weeks to come as weeks without activity).
 */
function fillEvolution(
  points: EvolutionPoint[],
  period: Period,
  step: "week" | "month",
  today: string,
): EvolutionPoint[] {
  const byStart = new Map(points.map((point) => [point.debut, point]));
  const last = period.to < today ? period.to : today;
  const filled: EvolutionPoint[] = [];
  if (step === "week") {
    const weekday = (new Date(`${period.from}T00:00:00Z`).getUTCDay() + 6) % 7;
    for (let monday = shiftDay(period.from, -weekday); monday <= last; monday = shiftDay(monday, 7)) {
      filled.push(byStart.get(monday) ?? { debut: monday, passages: 0, sollicitations: 0 });
    }
  } else {
    for (let first = `${period.from.slice(0, 7)}-01`; first <= last; first = `${shiftDay(first, 32).slice(0, 7)}-01`) {
      filled.push(byStart.get(first) ?? { debut: first, passages: 0, sollicitations: 0 });
    }
  }
  return filled;
}

function breakdowns(report: Report): DashboardBreakdown[] {
  return report.repartitions
    .filter((breakdown) => report.niveau !== "national" || !STRUCTURE_ONLY_DIMENSIONS.includes(breakdown.dimension))
    .map((breakdown) => {
      const mesure = SOLLICITATION_DIMENSIONS.includes(breakdown.dimension) ? "sollicitations" : "passages";
      return { ...breakdown, mesure, total: report.totaux[mesure] };
    });
}

function periodLink(
  level: Level,
  id: string | null,
  period: Period | null,
  label: string,
  today: string,
): DashboardLink | null {
  if (!period || period.from > today) return null;
  return { href: dashboardPath(level, id, period.code), label: `${label} : ${period.label}`, current: false };
}

/**
 * Reads the dashboard request: a period form sent by the page (redirects to its canonical
 * `?periode=` address, or 400 with one message per field), a `periode` code (400 when invalid),
 * or nothing (the current quarter). Throws AppError (403/404) when the level is out of scope.
 */
export async function loadDashboard(
  actor: Actor,
  request: { level: Level; id: string | null; url: URL },
): Promise<DashboardResult> {
  const { level, url } = request;
  const resolved = await resolveReportScope(actor, level, request.id);
  const id =
    resolved.scope.kind === "structure"
      ? resolved.scope.structureId
      : resolved.scope.kind === "departement"
        ? resolved.scope.departement
        : null;
  const today = parisDay();
  const params = url.searchParams;
  const kinds = Object.entries(PERIOD_KINDS).map(([value, label]) => ({ value, label }));

  let period: Period | null = null;
  let errors: PeriodFormErrors = {};
  let formError: string | null = null;
  let values: PeriodFormValues | null = null;

  if (params.has("type")) {
    values = {
      type: params.get("type") ?? "",
      date: params.get("date") ?? "",
      du: params.get("du") ?? "",
      au: params.get("au") ?? "",
    };
    const parsed = periodFormSchema.safeParse(values);
    if (parsed.success) {
      const { type, date, du, au } = parsed.data;
      const code = codeFor(type, date ?? "", du, au);
      if (readPeriod(code)) return { kind: "redirect", location: dashboardPath(level, id, code) };
      errors = { [type === "personnalise" ? "au" : "date"]: "Choisissez une période comprise entre 2000 et 2100." };
    } else {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof PeriodFormValues;
        errors[field] ??= issue.message;
      }
    }
    values = Object.fromEntries(
      Object.entries(values).map(([key, value]) => [key, value.slice(0, 30)]),
    ) as PeriodFormValues;
  } else {
    period = readPeriod(params.get("periode") || quarterCode(today));
    if (!period) formError = ERROR_MESSAGES["pilotage.period_invalid"];
  }

  const shown = period ?? knownPeriod(quarterCode(today));
  const page: DashboardPage = {
    niveau: level,
    id,
    libelle: resolved.libelle,
    periode: { code: shown.code, kind: shown.kind, du: shown.from, au: shown.to, libelle: shown.label },
    form: {
      values: values ?? { type: shown.kind, date: shown.from, du: shown.from, au: shown.to },
      errors,
      formError,
      kinds,
    },
    precedente: period ? periodLink(level, id, shiftPeriod(period, -1), "Période précédente", today) : null,
    suivante: period ? periodLink(level, id, shiftPeriod(period, 1), "Période suivante", today) : null,
    niveaux: await dashboardLevels(actor, { level, id, departement: resolved.departement }, shown.code),
    joursSansSaisie: INACTIVITY_ALERT_DAYS,
    report: null,
  };
  if (!period) return { kind: "page", status: 400, page };

  const report = await buildReport(actor, { level, id, period });
  const year = period.from.slice(0, 4);
  const repartitions = breakdowns(report);
  const { repartitions: _breakdowns, evolution: _evolution, ...figures } = report;
  page.report = {
    data: figures,
    repartitions,
    evolution: {
      parSemaine: fillEvolution(report.evolution.parSemaine, period, "week", today),
      parMois: fillEvolution(report.evolution.parMois, period, "month", today),
    },
    exports: {
      rapport: {
        pdf: exportHref(level, id, period.code, "pdf"),
        xlsx: exportHref(level, id, period.code, "xlsx"),
        kind: period.kind,
      },
      bilanAnnuel: {
        page: dashboardPath(level, id, year),
        pdf: exportHref(level, id, year, "pdf"),
        xlsx: exportHref(level, id, year, "xlsx"),
        annee: year,
      },
      csv: Object.fromEntries(
        repartitions.map((breakdown) => [
          breakdown.dimension,
          exportHref(level, id, period.code, "csv", breakdown.dimension),
        ]),
      ),
    },
  };
  return { kind: "page", status: 200, page };
}

/** For the dashboard routes: the page data (status 200 or 400), a redirect to the canonical period address, or the 403/404 error page. */
export async function dashboardResponse(request: Request, actor: Actor, level: Level, id: string | null) {
  const result = await orErrorPage(request, () => loadDashboard(actor, { level, id, url: new URL(request.url) }));
  if (result.kind === "redirect") throw redirect(result.location);
  return data(result.page, { status: result.status });
}
