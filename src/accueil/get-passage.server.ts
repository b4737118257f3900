import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { errorResponse } from "../acces/guards.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable, type Tx } from "../db/client.server";
import { allOf, anyOf } from "../db/conditions";
import {
  partenairesLocaux,
  passages,
  sollicitationAides,
  sollicitationPartenaires,
  sollicitationSituations,
  sollicitations,
  structures,
  users,
} from "../db/schema";
import { AppError, isAppError } from "../platform/app-error";
import { isUuid } from "../platform/validation";
import { type Canal, type Equipement, type Signalement, signalementsOf } from "./accueil.labels";
import { CORRECTION_WINDOW_DAYS } from "./corrections.schema";

const DAY_MS = 86_400_000;
export function correctionDeadline(startedAt: Date): Date {
  return new Date(startedAt.getTime() + CORRECTION_WINDOW_DAYS * DAY_MS);
}

/** The correction rule, as a pure function: who (author or responsable of the structure) and when (30 days). */
export function mayCorrect(
  actor: Actor,
  passage: { agentId: string; structureId: string; startedAt: Date },
  now: Date = new Date(),
): boolean {
  const allowed = passage.agentId === actor.userId || actor.responsableStructureIds.includes(passage.structureId);
  return allowed && now.getTime() <= correctionDeadline(passage.startedAt).getTime();
}

/** The passages an actor may open: their own, and all of the structures they are responsable of. */
function visiblePassages(actor: Actor): SQL {
  // The CLI operator has no user id: it authors nothing and manages no structure here.
  if (!actor.userId) return sql`false`;
  const mine = eq(passages.agentId, actor.userId);
  const managed =
    actor.responsableStructureIds.length > 0
      ? anyOf(mine, inArray(passages.structureId, actor.responsableStructureIds))
      : mine;
  return allOf(structureScope(actor, { structureId: passages.structureId }), managed);
}

export type SollicitationDetail = {
  id: string;
  position: number;
  horsPartenaires: boolean;
  partenaires: string[];
  partenairesLocaux: Array<{ id: string; nom: string }>;
  situations: string[];
  aides: string[];
  autonomie: string;
  issue: string;
  precision: string | null;
  signalements: Signalement[];
};

export type PassageDetail =
  | {
      deleted: false;
      id: string;
      structureId: string;
      structureNom: string;
      agentId: string;
      agentNom: string;
      isAuthor: boolean;
      startedAt: string;
      dureeMinutes: number | null;
      canal: Canal;
      avecRdv: boolean;
      trancheAge: string | null;
      genre: string | null;
      communeResidence: string | null;
      premiereVisite: boolean | null;
      equipements: Equipement[];
      attenteSecondes: number | null;
      updatedAt: string;
      corrected: boolean;
      sollicitations: SollicitationDetail[];
      canCorrect: boolean;
      correctableUntil: string;
    }
  | { deleted: true; id: string; deletedAt: string };

/**
 * One passage with its sollicitations, for its author or a responsable of its structure.
 * Anyone else (another agent, another structure, a malformed id) gets "not found". A deleted
 * passage only says that it was deleted.
 */
export async function getPassage(
  actor: Actor,
  id: string,
  options: { now?: Date } = {},
  q: Queryable = db(),
): Promise<PassageDetail> {
  if (!isUuid(id)) throw new AppError("accueil.passage_not_found", 404);
  const [row] = await q
    .select({ passage: passages, structureNom: structures.nom, agentPrenom: users.prenom, agentNom: users.nom })
    .from(passages)
    .innerJoin(structures, eq(structures.id, passages.structureId))
    .innerJoin(users, eq(users.id, passages.agentId))
    .where(and(eq(passages.id, id), visiblePassages(actor)));
  if (!row) throw new AppError("accueil.passage_not_found", 404);
  const passage = row.passage;
  if (passage.deletedAt) return { deleted: true, id: passage.id, deletedAt: passage.deletedAt.toISOString() };
  const now = options.now ?? new Date();
  return {
    deleted: false,
    id: passage.id,
    structureId: passage.structureId,
    structureNom: row.structureNom,
    agentId: passage.agentId,
    agentNom: `${row.agentPrenom} ${row.agentNom}`,
    isAuthor: passage.agentId === actor.userId,
    startedAt: passage.startedAt.toISOString(),
    dureeMinutes: passage.dureeMinutes,
    canal: passage.canal as Canal,
    avecRdv: passage.avecRdv,
    trancheAge: passage.trancheAge,
    genre: passage.genre,
    communeResidence: passage.communeResidence,
    premiereVisite: passage.premiereVisite,
    equipements: (
      [
        ["poste", passage.equipPoste],
        ["imprimante", passage.equipImprimante],
        ["scanner", passage.equipScanner],
        ["visio", passage.equipVisio],
      ] as const
    )
      .filter(([, used]) => used)
      .map(([key]) => key),
    attenteSecondes: passage.attenteSecondes,
    updatedAt: passage.updatedAt.toISOString(),
    corrected: passage.updatedBy !== null,
    sollicitations: await sollicitationsOf(passage.id, q),
    canCorrect: mayCorrect(actor, passage, now),
    correctableUntil: correctionDeadline(passage.startedAt).toISOString(),
  };
}

async function sollicitationsOf(passageId: string, q: Queryable): Promise<SollicitationDetail[]> {
  const rows = await q
    .select()
    .from(sollicitations)
    .where(eq(sollicitations.passageId, passageId))
    .orderBy(asc(sollicitations.position));
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [partners, situations, aides] = await Promise.all([
    q
      .select({
        sollicitationId: sollicitationPartenaires.sollicitationId,
        partnerKey: sollicitationPartenaires.partnerKey,
        localId: partenairesLocaux.id,
        localNom: partenairesLocaux.nom,
      })
      .from(sollicitationPartenaires)
      .leftJoin(partenairesLocaux, eq(partenairesLocaux.id, sollicitationPartenaires.partenaireLocalId))
      .where(inArray(sollicitationPartenaires.sollicitationId, ids))
      .orderBy(asc(sollicitationPartenaires.partnerKey), asc(partenairesLocaux.nom)),
    q.select().from(sollicitationSituations).where(inArray(sollicitationSituations.sollicitationId, ids)),
    q.select().from(sollicitationAides).where(inArray(sollicitationAides.sollicitationId, ids)),
  ]);
  return rows.map((row) => ({
    id: row.id,
    position: row.position,
    horsPartenaires: row.horsPartenaires,
    partenaires: partners.flatMap((p) => (p.sollicitationId === row.id && p.partnerKey ? [p.partnerKey] : [])),
    partenairesLocaux: partners.flatMap((p) =>
      p.sollicitationId === row.id && p.localId && p.localNom !== null ? [{ id: p.localId, nom: p.localNom }] : [],
    ),
    situations: situations.filter((s) => s.sollicitationId === row.id).map((s) => s.situationKey),
    aides: aides.filter((a) => a.sollicitationId === row.id).map((a) => a.aideKey),
    autonomie: row.autonomie,
    issue: row.issue,
    precision: row.precision,
    signalements: signalementsOf(row),
  }));
}

/** For loaders and actions: the passage, or a thrown 404 (DSFR page, or JSON for the API). */
export async function requirePassage(request: Request, actor: Actor, id: string): Promise<PassageDetail> {
  try {
    return await getPassage(actor, id);
  } catch (error) {
    if (isAppError(error)) throw errorResponse(request, error.code, error.status);
    throw error;
  }
}

/**
 * Locks a passage for a change (correction, deletion, added sollicitation) in the caller's
 * transaction, after checking the correction rule: visible and not deleted, else "not found";
 * author or responsable within 30 days of its start, else "correction closed".
 */
export async function lockPassageForChange(
  tx: Tx,
  actor: Actor,
  id: string,
  now: Date = new Date(),
): Promise<typeof passages.$inferSelect> {
  if (!isUuid(id)) throw new AppError("accueil.passage_not_found", 404, "passageId");
  const [passage] = await tx
    .select()
    .from(passages)
    .where(and(eq(passages.id, id), isNull(passages.deletedAt), visiblePassages(actor)))
    .for("update");
  if (!passage) throw new AppError("accueil.passage_not_found", 404, "passageId");
  if (!mayCorrect(actor, passage, now)) throw new AppError("accueil.correction_closed", 403);
  return passage;
}

/** The highest position of the passage's sollicitations (0 when none). */
export async function lastSollicitationPosition(q: Queryable, passageId: string): Promise<number> {
  const [row] = await q
    .select({ last: sql<number>`coalesce(max(${sollicitations.position}), 0)::int` })
    .from(sollicitations)
    .where(eq(sollicitations.passageId, passageId));
  return Number(row.last);
}
