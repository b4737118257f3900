import { type Actor, actorStructures } from "../acces/actor.server";
import { canSeeDepartement } from "../acces/tenant-scope.server";
import { ERROR_MESSAGES } from "../platform/app-error";
import { config } from "../platform/config.server";
import { parisDay, shiftDay } from "../platform/time";
import { departementLabel } from "../territoire/territoire";
import { STRUCTURE_ONLY_DIMENSIONS } from "./aggregate.server";
import { audienceOf, periodAllowed } from "./disclosure/policy";
import type { Dimension } from "./labels";
import { mondayOf, type Period, periodCodeFor, quarterCode, quarterOf, shiftPeriod } from "./period";
import { PERIOD_KINDS, type PeriodFormErrors, type PeriodFormValues, periodFormSchema } from "./period-form";
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
 * The view model of the pilotage dashboards (structure, département, national): the period chosen
 * in the page's GET form, the report of that period, and the other dashboards the page offers
 * (neighbouring periods, other levels the actor may see), named by level, id and period; the app
 * turns those into addresses. Everything is read through buildReport, which applies the access rules.
 */

/** A period code typed or sent by the page, read with the bounds every report applies; null when invalid. */
function readPeriod(code: string): Period | null {
  const parsed = reportPeriodSchema.safeParse(code);
  return parsed.success ? parsed.data : null;
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
  /** Null when suppressed (ADR 021). */
  total: number | null;
  lignes: BreakdownRow[];
  /** Withheld whole outside the structure's team: no rows listed. */
  retenue?: boolean;
};
/** Null counts are suppressed (ADR 021). */
export type EvolutionPoint = { debut: string; passages: number | null; sollicitations: number | null };
/** A dashboard: its level, its structure id or département code (null for national), a period code. */
export type DashboardTarget = { level: Level; id: string | null; periode: string };
/** Another dashboard the page offers, with its label; `current` for the one shown. */
export type DashboardChoice = { target: DashboardTarget; label: string; current: boolean };

export type DashboardModel = {
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
  precedente: DashboardChoice | null;
  suivante: DashboardChoice | null;
  niveaux: DashboardChoice[];
  /** Days without a passage before a structure is flagged « sans saisie ». */
  joursSansSaisie: number;
  report: null | {
    /** The report without its breakdowns and evolution, which come below in the dashboard's shape. */
    data: Omit<Report, "repartitions" | "evolution">;
    repartitions: DashboardBreakdown[];
    evolution: { parSemaine: EvolutionPoint[]; parMois: EvolutionPoint[] };
  };
};

export type DashboardResult =
  | { kind: "redirect"; target: DashboardTarget }
  | { kind: "page"; status: 200 | 400; page: DashboardModel };

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
): Promise<DashboardChoice[]> {
  const links: DashboardChoice[] = [];
  const isCurrent = (level: Level, id: string | null) => current.level === level && current.id === id;
  if (actor.roles.has("national") || actor.roles.has("admin")) {
    links.push({
      target: { level: "national", id: null, periode: periodCode },
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
      target: { level: "departement", id: code, periode: periodCode },
      label: `Département ${departementLabel(code)}`,
      current: isCurrent("departement", code),
    });
  }
  for (const structure of await actorStructures(actor)) {
    links.push({
      target: { level: "structure", id: structure.id, periode: periodCode },
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
    for (let monday = mondayOf(period.from); monday <= last; monday = shiftDay(monday, 7)) {
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
): DashboardChoice | null {
  if (!period || period.from > today) return null;
  return { target: { level, id, periode: period.code }, label: `${label} : ${period.label}`, current: false };
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
  // Outside the structure's team, whole months, quarters and years only (ADR 021).
  const audience = audienceOf(actor, resolved.scope, config().DISCLOSURE_THRESHOLD);
  const kinds = Object.entries(PERIOD_KINDS)
    .filter(([value]) => periodAllowed(audience, { kind: value as Period["kind"] }))
    .map(([value, label]) => ({ value, label }));

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
    if (parsed.success && !periodAllowed(audience, { kind: parsed.data.type })) {
      errors = { type: ERROR_MESSAGES["pilotage.period_not_whole"] };
    } else if (parsed.success) {
      const { type, date, du, au } = parsed.data;
      const code = periodCodeFor(type, date ?? "", du, au);
      if (readPeriod(code)) return { kind: "redirect", target: { level, id, periode: code } };
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
    else if (!periodAllowed(audience, period)) {
      formError = ERROR_MESSAGES["pilotage.period_not_whole"];
      period = null;
    }
  }

  const shown = period ?? quarterOf(today);
  const page: DashboardModel = {
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
  const { repartitions: _breakdowns, evolution: _evolution, ...figures } = report;
  page.report = {
    data: figures,
    repartitions: breakdowns(report),
    evolution: {
      // Protected readers get no weeks (ADR 021): filling them would show zeros that are not.
      parSemaine: report.diffusion.protege ? [] : fillEvolution(report.evolution.parSemaine, period, "week", today),
      parMois: fillEvolution(report.evolution.parMois, period, "month", today),
    },
  };
  return { kind: "page", status: 200, page };
}
