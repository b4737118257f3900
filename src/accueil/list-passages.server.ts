import { and, asc, eq, gte, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable } from "../db/client.server";
import { passages, sollicitations } from "../db/schema";
import { AppError } from "../platform/app-error";
import { parisDay, parisInstant, shiftDay } from "../platform/time";
import { isoDateTimeProblem, isoDayProblem, isUuid, uuid } from "../platform/validation";
import { type EQUIPEMENTS, signalementsOf } from "./accueil.labels";

export const LIST_DEFAULT_LIMIT = 500;
export const LIST_MAX_LIMIT = 5000;
const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const BOUND_MESSAGE =
  "Date invalide : utilisez AAAA-MM-JJ, ou une date et heure ISO 8601 avec fuseau (2025-03-01T08:30:00+01:00).";
const bound = z
  .string({ error: BOUND_MESSAGE })
  .trim()
  .refine((value) => isoDayProblem(value) === null || isoDateTimeProblem(value) === null, BOUND_MESSAGE);

/** GET /api/v1/passages query parameters; dates are days in French metropolitan time. */
export const passageListQuerySchema = z
  .object({
    structure: uuid("Structure inconnue.").optional(),
    from: bound.optional(),
    to: bound.optional(),
    limit: z.coerce
      .number({ error: "Saisissez un nombre." })
      .int("Saisissez un nombre entier.")
      .min(1, "Au moins 1.")
      .max(LIST_MAX_LIMIT, `${LIST_MAX_LIMIT} au plus.`)
      .default(LIST_DEFAULT_LIMIT),
    offset: z.coerce
      .number({ error: "Saisissez un nombre." })
      .int("Saisissez un nombre entier.")
      .min(0, "Au moins 0.")
      .max(10_000_000, "Décalage trop grand.")
      .optional(),
    cursor: z
      .string({ error: "Curseur invalide." })
      .max(200, "Curseur invalide.")
      .refine((value) => decodeCursor(value) !== null, "Curseur invalide.")
      .optional(),
  })
  .superRefine((value, context) => {
    if (value.cursor !== undefined && value.offset !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["offset"],
        message: "Utilisez soit cursor, soit offset, pas les deux.",
      });
    }
    const period = listingPeriod(value);
    if (period.from.getTime() >= period.to.getTime()) {
      context.addIssue({ code: "custom", path: ["from"], message: "Le début de la période doit précéder sa fin." });
    } else if (period.to.getTime() - period.from.getTime() > (MAX_PERIOD_DAYS + 1) * DAY_MS) {
      context.addIssue({
        code: "custom",
        path: ["to"],
        message: `La période couvre ${MAX_PERIOD_DAYS} jours au plus.`,
      });
    }
  });

export type PassageListQuery = z.output<typeof passageListQuerySchema>;

/** Reads the query string; invalid parameters come back as French messages per field. */
export function parsePassageListQuery(
  url: URL,
): { ok: true; query: PassageListQuery } | { ok: false; fields: Record<string, string[]> } {
  const parsed = passageListQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, fields: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
}

/**
 * The period [from, to) of a listing. A date means the whole day (Paris time); a date-time is an
 * instant (inclusive for `to`). Without `to`: the end of today; without `from`: the start of the
 * day `to` falls on. The query schema has checked that from < to and the span.
 */
export function listingPeriod(
  query: Pick<PassageListQuery, "from" | "to">,
  now = new Date(),
): { from: Date; to: Date } {
  const to = query.to
    ? DATE_ONLY.test(query.to)
      ? parisInstant(shiftDay(query.to, 1))
      : new Date(Date.parse(query.to) + 1)
    : parisInstant(shiftDay(parisDay(now), 1));
  const from = query.from
    ? DATE_ONLY.test(query.from)
      ? parisInstant(query.from)
      : new Date(query.from)
    : parisInstant(parisDay(new Date(to.getTime() - 1)));
  return { from, to };
}

/** Cursors are opaque: the exact start (microseconds, UTC) and id of the last passage of a page. */
function encodeCursor(startedAt: string, id: string): string {
  return Buffer.from(`${startedAt}|${id}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): { at: string; id: string } | null {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  const [at, id, ...rest] = decoded.split("|");
  if (rest.length > 0 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at) || !isUuid(id)) return null;
  if (Number.isNaN(Date.parse(at))) return null;
  return { at, id };
}

export type ListedSollicitation = {
  id: string;
  position: number;
  partenaires: string[];
  partenairesLocaux: string[];
  horsPartenaires: boolean;
  situations: string[];
  aides: string[];
  autonomie: string;
  issue: string;
  signalements: string[];
  precision?: string | null;
};

export type ListedPassage = {
  id: string;
  structureId: string;
  agentId: string;
  debut: string;
  dureeMinutes: number | null;
  canal: string;
  avecRdv: boolean;
  trancheAge: string | null;
  genre: string | null;
  communeResidence: string | null;
  premiereVisite: boolean | null;
  equipements: string[];
  attenteSecondes: number | null;
  sollicitations: ListedSollicitation[];
};

const EQUIPEMENT_COLUMNS = {
  poste: "equipPoste",
  imprimante: "equipImprimante",
  scanner: "equipScanner",
  visio: "equipVisio",
} as const satisfies Record<keyof typeof EQUIPEMENTS, string>;

// The outer column is written out in full: drizzle renders columns of a one-table select unqualified.
const childKeys = (table: string, column: string) =>
  sql<
    string[]
  >`coalesce((select array_agg(c.${sql.raw(column)}::text order by c.${sql.raw(column)}) from ${sql.raw(table)} c where c.sollicitation_id = "sollicitations"."id" and c.${sql.raw(column)} is not null), '{}')`;

/**
 * The passages (not deleted) of one structure the actor works in, over a period, with their
 * sollicitations, ordered by start. An agent sees their own passages; a responsable sees all of
 * the structure's. The précision is shown to its author and to responsables only.
 */
export async function listPassages(
  actor: Actor,
  query: PassageListQuery,
  options: { now?: Date } = {},
  q: Queryable = db(),
): Promise<{ structureId: string; from: string; to: string; passages: ListedPassage[]; nextCursor: string | null }> {
  const structureId = query.structure ?? actor.currentStructureId;
  if (!structureId || !actor.structureIds.includes(structureId))
    throw new AppError("accueil.list_forbidden", 403, "structure");
  const period = listingPeriod(query, options.now);
  const responsable = actor.responsableStructureIds.includes(structureId);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const conditions: Array<SQL | undefined> = [
    eq(passages.structureId, structureId),
    structureScope(actor, { structureId: passages.structureId }),
    isNull(passages.deletedAt),
    gte(passages.startedAt, period.from),
    lt(passages.startedAt, period.to),
    responsable ? undefined : eq(passages.agentId, actor.userId),
    cursor ? sql`(${passages.startedAt}, ${passages.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : undefined,
  ];
  const rows = await q
    .select({
      id: passages.id,
      structureId: passages.structureId,
      agentId: passages.agentId,
      startedAt: passages.startedAt,
      exactStart: sql<string>`to_char(${passages.startedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      dureeMinutes: passages.dureeMinutes,
      canal: passages.canal,
      avecRdv: passages.avecRdv,
      trancheAge: passages.trancheAge,
      genre: passages.genre,
      communeResidence: passages.communeResidence,
      premiereVisite: passages.premiereVisite,
      equipPoste: passages.equipPoste,
      equipImprimante: passages.equipImprimante,
      equipScanner: passages.equipScanner,
      equipVisio: passages.equipVisio,
      attenteSecondes: passages.attenteSecondes,
    })
    .from(passages)
    .where(and(...conditions))
    .orderBy(asc(passages.startedAt), asc(passages.id))
    .limit(query.limit + 1)
    .offset(cursor ? 0 : (query.offset ?? 0));
  const page = rows.slice(0, query.limit);
  const more = rows.length > query.limit;

  const children = page.length
    ? await q
        .select({
          id: sollicitations.id,
          passageId: sollicitations.passageId,
          position: sollicitations.position,
          horsPartenaires: sollicitations.horsPartenaires,
          autonomie: sollicitations.autonomie,
          issue: sollicitations.issue,
          precision: sollicitations.precision,
          situationComplexe: sollicitations.situationComplexe,
          nonRecours: sollicitations.nonRecours,
          difficulteNumerique: sollicitations.difficulteNumerique,
          allophone: sollicitations.allophone,
          handicap: sollicitations.handicap,
          partenaires: childKeys("sollicitation_partenaires", "partner_key"),
          partenairesLocaux: childKeys("sollicitation_partenaires", "partenaire_local_id"),
          situations: childKeys("sollicitation_situations", "situation_key"),
          aides: childKeys("sollicitation_aides", "aide_key"),
        })
        .from(sollicitations)
        .where(
          inArray(
            sollicitations.passageId,
            page.map((row) => row.id),
          ),
        )
        .orderBy(asc(sollicitations.passageId), asc(sollicitations.position))
    : [];
  const byPassage = new Map<string, ListedSollicitation[]>();
  const authorOf = new Map(page.map((row) => [row.id, row.agentId]));
  for (const child of children) {
    const showPrecision = responsable || authorOf.get(child.passageId) === actor.userId;
    const listed: ListedSollicitation = {
      id: child.id,
      position: child.position,
      partenaires: child.partenaires,
      partenairesLocaux: child.partenairesLocaux,
      horsPartenaires: child.horsPartenaires,
      situations: child.situations,
      aides: child.aides,
      autonomie: child.autonomie,
      issue: child.issue,
      signalements: signalementsOf(child),
      ...(showPrecision ? { precision: child.precision } : {}),
    };
    byPassage.set(child.passageId, [...(byPassage.get(child.passageId) ?? []), listed]);
  }

  return {
    structureId,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    passages: page.map((row) => ({
      id: row.id,
      structureId: row.structureId,
      agentId: row.agentId,
      debut: row.startedAt.toISOString(),
      dureeMinutes: row.dureeMinutes,
      canal: row.canal,
      avecRdv: row.avecRdv,
      trancheAge: row.trancheAge,
      genre: row.genre,
      communeResidence: row.communeResidence,
      premiereVisite: row.premiereVisite,
      equipements: Object.entries(EQUIPEMENT_COLUMNS)
        .filter(([, column]) => row[column])
        .map(([key]) => key),
      attenteSecondes: row.attenteSecondes,
      sollicitations: byPassage.get(row.id) ?? [],
    })),
    nextCursor: more && page.length ? encodeCursor(page[page.length - 1].exactStart, page[page.length - 1].id) : null,
  };
}
