import { randomInt } from "node:crypto";
import { and, asc, eq, gte, isNull, lt, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { AUTONOMIES, CANAUX, GENRES, ISSUES, SIGNALEMENTS, TRANCHES_AGE } from "../accueil/accueil.labels";
import { db } from "../db/client.server";
import { passages, sollicitations, structures } from "../db/schema";
import { AppError } from "../platform/app-error";
import { config } from "../platform/config.server";
import { type Cell, toCsv } from "../platform/csv";
import { frenchDate, parisDay, parisInstant, shiftDay } from "../platform/time";
import { typeAideLabel } from "../referentiel/aides";
import { situationLabel } from "../referentiel/bouquet";
import { partenaireLabel } from "../referentiel/partenaires";
import { communeLabel } from "../territoire/territoire";
import { dayCount, type Period } from "./period";
import { resolveReportScope } from "./report.server";
import { MASKED } from "./report-table";

/**
 * The anonymised records of a structure or a département: one line per sollicitation.
 * What it leaves out on purpose: the free-text précision, the agent, every id (passage, usager,
 * sollicitation), the time of day. Lines are numbered after a random shuffle within each day, so
 * the number links to nothing. Age, genre and commune values held by fewer than the minimum cell
 * size of passages in the file are masked, as in the reports.
 *
 * Not audited: the file holds no personal data (that is the point of it), like the reports.
 *
 * Only the structure's responsable may export it (ADR 021): a line per demand, even masked column
 * by column, can be unique on date, age, genre and commune, and would undo the reports' suppression.
 * Outside the team, the protected reports are the way to the figures.
 */
export const RECORD_COLUMNS = [
  "N°",
  "Date",
  "Structure",
  "Canal",
  "Avec rendez-vous",
  "Tranche d’âge",
  "Genre",
  "Commune de résidence",
  "Durée (minutes)",
  "Attente (minutes)",
  "Partenaires",
  "Situations",
  "Types d’aide",
  "Autonomie numérique",
  "Issue",
  "Signalements",
] as const;

const LIST_SEPARATOR = " | ";
/** A year at most: the file is built in memory. */
const MAX_PERIOD_DAYS = 366;
const label = (labels: Record<string, string>, key: string | null) => (key ? (labels[key] ?? key) : "");

export async function exportRecordsCsv(
  actor: Actor,
  request: { level: "structure" | "departement" | "national"; id: string | null; period: Period },
): Promise<string> {
  if (request.level !== "structure") throw new AppError("pilotage.records_team_only", 403, "niveau");
  if (dayCount(request.period.from, request.period.to) > MAX_PERIOD_DAYS)
    throw new AppError("pilotage.records_period_too_long", 400, "periode");
  const { scope } = await resolveReportScope(actor, request.level, request.id);
  // Someone who is only an agent of this structure reads its reports, not its records; outside the team, nobody.
  if (scope.kind !== "structure" || !actor.responsableStructureIds.includes(scope.structureId)) {
    throw new AppError("pilotage.records_team_only", 403, "niveau");
  }
  const rows = await db()
    .select({
      passageId: passages.id,
      startedAt: passages.startedAt,
      structure: structures.nom,
      canal: passages.canal,
      avecRdv: passages.avecRdv,
      trancheAge: passages.trancheAge,
      genre: passages.genre,
      commune: passages.communeResidence,
      dureeMinutes: passages.dureeMinutes,
      attenteSecondes: passages.attenteSecondes,
      horsPartenaires: sollicitations.horsPartenaires,
      autonomie: sollicitations.autonomie,
      issue: sollicitations.issue,
      situationComplexe: sollicitations.situationComplexe,
      nonRecours: sollicitations.nonRecours,
      difficulteNumerique: sollicitations.difficulteNumerique,
      allophone: sollicitations.allophone,
      handicap: sollicitations.handicap,
      partenaires: sql<
        string[]
      >`(select coalesce(json_agg(coalesce(sp.partner_key, 'local:' || pl.nom) order by sp.partner_key, pl.nom), '[]'::json)
        from sollicitation_partenaires sp left join partenaires_locaux pl on pl.id = sp.partenaire_local_id where sp.sollicitation_id = ${sollicitations.id})`,
      situations: sql<
        string[]
      >`(select coalesce(json_agg(ss.situation_key order by ss.situation_key), '[]'::json) from sollicitation_situations ss where ss.sollicitation_id = ${sollicitations.id})`,
      aides: sql<
        string[]
      >`(select coalesce(json_agg(sa.aide_key order by sa.aide_key), '[]'::json) from sollicitation_aides sa where sa.sollicitation_id = ${sollicitations.id})`,
    })
    .from(sollicitations)
    .innerJoin(passages, eq(passages.id, sollicitations.passageId))
    .innerJoin(structures, eq(structures.id, passages.structureId))
    .where(
      and(
        structureScope(actor, { structureId: passages.structureId, departement: structures.departement }),
        eq(passages.structureId, scope.structureId),
        isNull(passages.deletedAt),
        gte(passages.startedAt, parisInstant(request.period.from)),
        lt(passages.startedAt, parisInstant(shiftDay(request.period.to, 1))),
      ),
    )
    .orderBy(asc(passages.startedAt));

  // Values of re-identifying columns held by too few passages are masked (the file may be passed on).
  const threshold = config().DISCLOSURE_THRESHOLD;
  const passagesPer = (pick: (row: (typeof rows)[number]) => string | null) => {
    const seen = new Map<string, Set<string>>();
    for (const row of rows) {
      const value = pick(row);
      if (value === null) continue;
      const passageIds = seen.get(value) ?? new Set<string>();
      passageIds.add(row.passageId);
      seen.set(value, passageIds);
    }
    return (value: string | null, text: string) =>
      value !== null && (seen.get(value)?.size ?? 0) < threshold ? MASKED : text;
  };
  const maskAge = passagesPer((row) => row.trancheAge);
  const maskGenre = passagesPer((row) => row.genre);
  const maskCommune = passagesPer((row) => row.commune);

  const lines = rows
    .map((row) => ({ row, day: parisDay(row.startedAt), shuffle: randomInt(2 ** 47) }))
    .sort((a, b) => a.day.localeCompare(b.day) || a.shuffle - b.shuffle)
    .map(({ row, day }, index): Cell[] => {
      const flags = (Object.keys(SIGNALEMENTS) as Array<keyof typeof SIGNALEMENTS>).filter((flag) =>
        flag === "situation_complexe"
          ? row.situationComplexe
          : flag === "non_recours"
            ? row.nonRecours
            : flag === "difficulte_numerique"
              ? row.difficulteNumerique
              : row[flag],
      );
      const partners = row.horsPartenaires
        ? ["Hors partenaires"]
        : row.partenaires.map((key) => (key.startsWith("local:") ? key.slice(6) : partenaireLabel(key)));
      return [
        index + 1,
        frenchDate(day),
        row.structure,
        label(CANAUX, row.canal),
        row.avecRdv ? "Oui" : "Non",
        maskAge(row.trancheAge, label(TRANCHES_AGE, row.trancheAge)),
        maskGenre(row.genre, label(GENRES, row.genre)),
        maskCommune(row.commune, row.commune ? communeLabel(row.commune) : ""),
        row.dureeMinutes,
        row.attenteSecondes === null ? null : Math.round(row.attenteSecondes / 60),
        partners.join(LIST_SEPARATOR),
        row.situations.map(situationLabel).join(LIST_SEPARATOR),
        row.aides.map(typeAideLabel).join(LIST_SEPARATOR),
        label(AUTONOMIES, row.autonomie),
        label(ISSUES, row.issue),
        flags.map((flag) => SIGNALEMENTS[flag]).join(LIST_SEPARATOR),
      ];
    });
  return toCsv([...RECORD_COLUMNS], lines);
}
