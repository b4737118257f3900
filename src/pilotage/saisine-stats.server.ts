import { and, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { db, type Queryable } from "../db/client.server";
import { referentGroups, saisines } from "../db/schema";
import { parisInstant, shiftDay } from "../platform/time";
import { partenaireLabel } from "../referentiel/partenaires";
import { deadlineView } from "../saisines/deadlines";
import { statesOf } from "../saisines/states.server";
import type { Usefulness } from "../saisines/status";
import { workingHoursBetween } from "../saisines/working-days";
import type { Scope } from "./aggregate.server";

export type SaisineStatsRow = {
  cle: string;
  libelle: string;
  nombre: number;
  /** Working hours (9:00–17:00 of the structure's calendar), null without any data. */
  premiereReponseMediane: number | null;
  premiereReponseP90: number | null;
  resolutionMediane: number | null;
  resolutionP90: number | null;
  /** Share of saisines late on either deadline, 0..1. */
  partEnRetard: number;
  utilite: Record<Usefulness, number>;
  reorientations: number;
};

export type SaisineStats = {
  total: SaisineStatsRow;
  parPartenaire: SaisineStatsRow[];
  parGroupe: SaisineStatsRow[];
  parDepartement: SaisineStatsRow[] | null;
};

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Math.round(sorted[rank - 1] * 10) / 10;
}

type Item = {
  partnerKey: string;
  groupId: string;
  departement: string;
  firstHours: number | null;
  resolutionHours: number | null;
  late: boolean;
  usefulness: Usefulness | null;
  reroutes: number;
};

function summarise(cle: string, libelle: string, items: Item[]): SaisineStatsRow {
  const sortedOf = (values: Array<number | null>) =>
    values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const first = sortedOf(items.map((i) => i.firstHours));
  const resolution = sortedOf(items.map((i) => i.resolutionHours));
  const utilite: Record<Usefulness, number> = { utile: 0, ne_sait_pas: 0, pas_utile: 0 };
  for (const item of items) if (item.usefulness) utilite[item.usefulness] += 1;
  return {
    cle,
    libelle,
    nombre: items.length,
    premiereReponseMediane: percentile(first, 50),
    premiereReponseP90: percentile(first, 90),
    resolutionMediane: percentile(resolution, 50),
    resolutionP90: percentile(resolution, 90),
    partEnRetard:
      items.length === 0 ? 0 : Math.round((items.filter((i) => i.late).length / items.length) * 1000) / 1000,
    utilite,
    reorientations: items.reduce((sum, i) => sum + i.reroutes, 0),
  };
}

function groupBy(items: Item[], key: (item: Item) => string, label: (key: string) => string): SaisineStatsRow[] {
  const keys = [...new Set(items.map(key))].sort();
  return keys.map((k) =>
    summarise(
      k,
      label(k),
      items.filter((item) => key(item) === k),
    ),
  );
}

/**
 * Statistics of the saisines created in a period (Paris days, inclusive) within a pilotage scope,
 * for the comité de pilotage: counts, median and 90th percentile of the time to first answer and
 * to resolution in working hours, share late, usefulness and re-routings — per partner, per group
 * (the group it ended with) and, nationally, per département. No personal data.
 */
export async function saisineStats(
  scope: Scope,
  period: { from: string; to: string },
  now: Date = new Date(),
  q: Queryable = db(),
): Promise<SaisineStats> {
  const conditions: SQL[] = [
    gte(saisines.createdAt, parisInstant(period.from)),
    lt(saisines.createdAt, parisInstant(shiftDay(period.to, 1))),
  ];
  if (scope.kind === "structure") conditions.push(eq(saisines.structureId, scope.structureId));
  if (scope.kind === "departement") conditions.push(eq(saisines.departement, scope.departement));
  const rows = await q
    .select()
    .from(saisines)
    .where(and(...conditions));
  const stateOf = await statesOf(rows, q);
  const items: Item[] = rows.map((row) => {
    const state = stateOf(row.id);
    const firstLate = state.firstAnsweredAt ? state.firstAnsweredAt > row.firstAnswerDueAt : now > row.firstAnswerDueAt;
    const resolutionLate = state.closedAt
      ? state.closedAt > row.resolutionDueAt
      : deadlineView(row, state, now).late && state.firstAnsweredAt !== null;
    return {
      partnerKey: row.partnerKey,
      groupId: state.groupId,
      departement: row.departement,
      firstHours: state.firstAnsweredAt
        ? Math.round(workingHoursBetween(row.createdAt, state.firstAnsweredAt, row.departement) * 10) / 10
        : null,
      resolutionHours: state.closedAt
        ? Math.round(workingHoursBetween(row.createdAt, state.closedAt, row.departement) * 10) / 10
        : null,
      late: firstLate || resolutionLate,
      usefulness: state.usefulness,
      reroutes: state.reroutes,
    };
  });
  const groupIds = [...new Set(items.map((item) => item.groupId))];
  const groups = groupIds.length
    ? await q
        .select({ id: referentGroups.id, nom: referentGroups.nom })
        .from(referentGroups)
        .where(inArray(referentGroups.id, groupIds))
    : [];
  return {
    total: summarise("total", "Total", items),
    parPartenaire: groupBy(items, (i) => i.partnerKey, partenaireLabel),
    parGroupe: groupBy(
      items,
      (i) => i.groupId,
      (id) => groups.find((g) => g.id === id)?.nom ?? id,
    ),
    parDepartement:
      scope.kind === "national"
        ? groupBy(
            items,
            (i) => i.departement,
            (d) => d,
          )
        : null,
  };
}
