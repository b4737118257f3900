import { eq, inArray } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { canSeeDepartement } from "../acces/tenant-scope.server";
import { db } from "../db/client.server";
import { partenairesLocaux, structures, users } from "../db/schema";
import { AppError } from "../platform/app-error";
import { config } from "../platform/config.server";
import { parisDay, shiftDay } from "../platform/time";
import { STRUCTURE_FORMATS } from "../structures/structures.labels";
import { departementByCode, departementLabel } from "../territoire/territoire";
import {
  aggregateByDimension,
  type DimensionRow,
  evolution,
  lastActivityDays,
  type Measures,
  type Scope,
  totalsBy,
} from "./aggregate.server";
import { audienceOf, periodAllowed } from "./disclosure/policy";
import { protectReport } from "./disclosure/protect-report.server";
import { DIMENSIONS, type Dimension, valueLabel } from "./labels";
import { pendingWork } from "./pending-work.server";
import { type Period, previousPeriod } from "./period";
import type { Level, Report, Totals } from "./report-types";
import { saisineStats } from "./saisine-stats.server";

export type { BreakdownRow, Level, Report, Totals } from "./report-types";
export const INACTIVITY_ALERT_DAYS = 14;

type ResolvedScope = { scope: Scope; libelle: string; departement: string | null; showAgents: boolean };

/** Who may read which level: structure (its team, its coordinateur, national, admin), département (coordinateur, national, admin), national. */
export async function resolveReportScope(actor: Actor, level: Level, id: string | null): Promise<ResolvedScope> {
  if (level === "national") {
    if (!actor.roles.has("national") && !actor.roles.has("admin")) throw new AppError("pilotage.scope_forbidden", 403);
    return { scope: { kind: "national" }, libelle: "National", departement: null, showAgents: false };
  }
  if (level === "departement") {
    const departement = id ? departementByCode(id) : null;
    if (!departement) throw new AppError("departement.unknown", 404);
    if (!canSeeDepartement(actor, departement.code)) throw new AppError("pilotage.scope_forbidden", 403);
    return {
      scope: { kind: "departement", departement: departement.code },
      libelle: departementLabel(departement.code),
      departement: departement.code,
      showAgents: false,
    };
  }
  const [structure] =
    id && /^[0-9a-f-]{36}$/i.test(id)
      ? await db()
          .select({ id: structures.id, nom: structures.nom, departement: structures.departement })
          .from(structures)
          .where(eq(structures.id, id))
      : [];
  if (!structure || (!actor.structureIds.includes(structure.id) && !canSeeDepartement(actor, structure.departement))) {
    throw new AppError("structure.not_found", 404);
  }
  return {
    scope: { kind: "structure", structureId: structure.id },
    libelle: structure.nom,
    departement: structure.departement,
    showAgents: actor.responsableStructureIds.includes(structure.id),
  };
}

function average(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 10) / 10 : null;
}

function totalsFrom(rows: DimensionRow[]): Totals {
  const total = rows.find((row) => row.dimension === "total" && row.valeur === "");
  const resolved = rows.find((row) => row.dimension === "issue" && row.valeur === "resolu_sur_place");
  const measures: Measures = total ?? {
    passages: 0,
    sollicitations: 0,
    dureeSomme: 0,
    dureeNombre: 0,
    attenteSomme: 0,
    attenteNombre: 0,
  };
  return {
    passages: measures.passages,
    sollicitations: measures.sollicitations,
    dureeMoyenneMinutes: average(measures.dureeSomme, measures.dureeNombre),
    attenteMoyenneMinutes:
      measures.attenteNombre > 0 ? Math.round((measures.attenteSomme / measures.attenteNombre / 60) * 10) / 10 : null,
    partResoluSurPlace:
      measures.sollicitations > 0
        ? Math.round(((resolved?.sollicitations ?? 0) / measures.sollicitations) * 1000) / 10
        : null,
  };
}

/** Names for the values that are ids: local partners, and agents (shown to the responsable only). */
async function namesFor(rows: DimensionRow[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const localIds = rows
    .filter((row) => row.dimension === "partenaire" && row.valeur.startsWith("local:"))
    .map((row) => row.valeur.slice(6));
  if (localIds.length) {
    for (const partner of await db()
      .select({ id: partenairesLocaux.id, nom: partenairesLocaux.nom })
      .from(partenairesLocaux)
      .where(inArray(partenairesLocaux.id, localIds))) {
      names.set(`local:${partner.id}`, partner.nom);
    }
  }
  const agentIds = rows.filter((row) => row.dimension === "agent").map((row) => row.valeur);
  if (agentIds.length) {
    for (const user of await db()
      .select({ id: users.id, prenom: users.prenom, nom: users.nom })
      .from(users)
      .where(inArray(users.id, agentIds))) {
      names.set(user.id, `${user.prenom} ${user.nom}`);
    }
  }
  return names;
}

export async function buildReport(
  actor: Actor,
  request: { level: Level; id: string | null; period: Period; minCellSize?: number },
): Promise<Report> {
  const { scope, libelle, departement, showAgents } = await resolveReportScope(actor, request.level, request.id);
  // Only this scope's pending work (ADR 023): a structure's figures are exact to the recording.
  const queued = await pendingWork(db(), scope);
  const { period } = request;
  const audience = audienceOf(actor, scope, request.minCellSize ?? config().DISCLOSURE_THRESHOLD);
  if (!periodAllowed(audience, period)) throw new AppError("pilotage.period_not_whole", 400, "periode");
  const previous = previousPeriod(period);
  // Every read that does not depend on another starts now: the report takes as long as the slowest.
  const departementScope: Scope | null = departement ? { kind: "departement", departement } : null;
  const [rows, previousRows, { week: weeks, month: months }, departementFigures, nationalFigures, saisines] =
    await Promise.all([
      aggregateByDimension(scope, period, queued),
      totalsBy(scope.kind === "national" ? "departement" : "structure", scope, previous, queued),
      evolution(scope, period, queued),
      departementScope
        ? Promise.all([
            // On a structure's dashboard, the département's average is as of the last fold (a minute at
            // most): reading every structure's pending work would make its cost grow with theirs.
            totalsBy("structure", departementScope, period, scope.kind === "departement" ? queued : []),
            db()
              .select({ id: structures.id, nom: structures.nom, statut: structures.statut })
              .from(structures)
              .where(eq(structures.departement, departementScope.departement)),
            scope.kind === "departement"
              ? lastActivityDays(departementScope.departement)
              : Promise.resolve(new Map<string, string>()),
          ])
        : null,
      scope.kind === "national"
        ? Promise.all([totalsBy("departement", scope, period, queued), totalsBy("format", scope, period, queued)])
        : null,
      saisineStats(scope, period),
    ]);
  const names = await namesFor(rows);
  const repartitions = (Object.keys(DIMENSIONS) as Dimension[])
    .filter((dimension) => dimension !== "agent" || showAgents)
    .filter((dimension) => scope.kind === "structure" || dimension !== "agent")
    .map((dimension) => ({
      dimension,
      titre: DIMENSIONS[dimension],
      lignes: rows
        .filter((row) => row.dimension === dimension)
        .sort(
          (a, b) => b.sollicitations - a.sollicitations || b.passages - a.passages || a.valeur.localeCompare(b.valeur),
        )
        .map((row) => ({
          cle: row.valeur,
          libelle: valueLabel(dimension, row.valeur, names),
          passages: row.passages,
          sollicitations: row.sollicitations,
          masque: false,
        })),
    }));
  const previousTotals = previousRows.reduce(
    (sum, row) => ({ passages: sum.passages + row.passages, sollicitations: sum.sollicitations + row.sollicitations }),
    { passages: 0, sollicitations: 0 },
  );

  let moyenneDepartement: Report["moyenneDepartement"] = null;
  let structureList: Report["structures"] = null;
  if (departement && departementFigures) {
    const [perStructure, members, lastDays] = departementFigures;
    const open = members.filter((member) => member.statut === "ouverte");
    const sum = perStructure.reduce(
      (acc, row) => ({
        passages: acc.passages + row.passages,
        sollicitations: acc.sollicitations + row.sollicitations,
      }),
      { passages: 0, sollicitations: 0 },
    );
    moyenneDepartement = {
      departement,
      structures: open.length,
      passages: open.length ? Math.round((sum.passages / open.length) * 10) / 10 : 0,
      sollicitations: open.length ? Math.round((sum.sollicitations / open.length) * 10) / 10 : 0,
    };
    if (scope.kind === "departement") {
      const byId = new Map(perStructure.map((row) => [row.cle, row]));
      const alertBefore = shiftDay(parisDay(), -INACTIVITY_ALERT_DAYS);
      structureList = members
        .map((member) => {
          const last = lastDays.get(member.id) ?? null;
          return {
            id: member.id,
            nom: member.nom,
            passages: byId.get(member.id)?.passages ?? 0,
            sollicitations: byId.get(member.id)?.sollicitations ?? 0,
            derniereSaisie: last,
            sansSaisie: member.statut === "ouverte" && (last === null || last <= alertBefore),
          };
        })
        .sort((a, b) => b.sollicitations - a.sollicitations || a.nom.localeCompare(b.nom));
    }
  }

  let departements: Report["departements"] = null;
  let formats: Report["formats"] = null;
  if (nationalFigures) {
    const [byDepartement, byFormat] = nationalFigures;
    departements = byDepartement
      .map((row) => ({
        code: row.cle,
        libelle: departementLabel(row.cle),
        passages: row.passages,
        sollicitations: row.sollicitations,
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
    formats = byFormat.map((row) => ({
      format: row.cle,
      libelle: STRUCTURE_FORMATS[row.cle as keyof typeof STRUCTURE_FORMATS] ?? row.cle,
      passages: row.passages,
      sollicitations: row.sollicitations,
    }));
  }

  const exact: Report = {
    niveau: request.level,
    id: scope.kind === "structure" ? scope.structureId : scope.kind === "departement" ? scope.departement : null,
    libelle,
    periode: { code: period.code, du: period.from, au: period.to, libelle: period.label },
    totaux: totalsFrom(rows),
    periodePrecedente: { du: previous.from, au: previous.to, libelle: previous.label, ...previousTotals },
    moyenneDepartement,
    evolution: { parSemaine: weeks, parMois: months },
    repartitions,
    seuilMasquage: audience.kind === "protege" ? audience.threshold : 0,
    diffusion: { protege: false, repartitions: true },
    structures: structureList,
    departements,
    formats,
    saisines,
  };
  return audience.kind === "equipe" ? exact : protectReport(exact, { scope, departement, period, audience, queued });
}
