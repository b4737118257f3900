import { randomUUID } from "node:crypto";
import { and, eq, sql, type SQLWrapper } from "drizzle-orm";
import type { Actor } from "../comptes/actor.server";
import { db, type Queryable, type Tx } from "../db/client.server";
import {
  passages,
  sollicitationAides,
  sollicitationPartenaires,
  sollicitationSituations,
  sollicitations,
  statQueue,
} from "../db/schema";
import { AppError } from "../platform/app-error";
import { assertUsableLocalPartners } from "./local-partners.server";
import { SIGNALEMENT_COLUMNS } from "./accueil.labels";
import type { PassageInput, SollicitationInput } from "./accueil.schema";

export type RecordedPassage = { id: string; structureId: string; debut: string; sollicitations: string[]; replay: boolean };

/** The structure a passage is recorded in: one the actor works in (the current one by default). */
export function recordingStructure(actor: Actor, requested?: string): string {
  const structureId = requested ?? actor.currentStructureId;
  if (!structureId || !actor.structureIds.includes(structureId)) throw new AppError("accueil.structure_forbidden", 403, "structureId");
  return structureId;
}

/** The passage columns a form or API input sets (recording and correction share them). */
export function passageColumns(input: PassageInput) {
  return {
    dureeMinutes: input.dureeMinutes ?? null,
    canal: input.canal,
    avecRdv: input.avecRdv,
    trancheAge: input.trancheAge ?? null,
    genre: input.genre ?? null,
    communeResidence: input.communeResidence ?? null,
    premiereVisite: input.premiereVisite ?? null,
    equipPoste: input.equipements.includes("poste"),
    equipImprimante: input.equipements.includes("imprimante"),
    equipScanner: input.equipements.includes("scanner"),
    equipVisio: input.equipements.includes("visio"),
  };
}


/**
 * The inserts of sollicitations and of their partners, situations and kinds of help. Ids are made
 * here, so that all of them (and the passage's) run as ONE statement: one round trip.
 */
function sollicitationInserts(tx: Queryable, passageId: string, list: SollicitationInput[], firstPosition: number): { ids: string[]; statements: SQLWrapper[] } {
  const ids = list.map(() => randomUUID());
  const statements: SQLWrapper[] = [
    tx.insert(sollicitations).values(
      list.map((sollicitation, index) => ({
        id: ids[index],
        passageId,
        position: firstPosition + index,
        horsPartenaires: sollicitation.horsPartenaires,
        autonomie: sollicitation.autonomie,
        issue: sollicitation.issue,
        precision: sollicitation.precision,
        ...Object.fromEntries(Object.entries(SIGNALEMENT_COLUMNS).map(([key, column]) => [column, (sollicitation.signalements as string[]).includes(key)])),
      })),
    ),
  ];
  const partners = list.flatMap((sollicitation, index) => [
    ...sollicitation.partenaires.map((partnerKey) => ({ sollicitationId: ids[index], partnerKey })),
    ...sollicitation.partenairesLocaux.map((partenaireLocalId) => ({ sollicitationId: ids[index], partenaireLocalId })),
  ]);
  const situations = list.flatMap((sollicitation, index) => sollicitation.situations.map((situationKey) => ({ sollicitationId: ids[index], situationKey })));
  const aides = list.flatMap((sollicitation, index) => sollicitation.aides.map((aideKey) => ({ sollicitationId: ids[index], aideKey })));
  if (partners.length) statements.push(tx.insert(sollicitationPartenaires).values(partners));
  if (situations.length) statements.push(tx.insert(sollicitationSituations).values(situations));
  if (aides.length) statements.push(tx.insert(sollicitationAides).values(aides));
  return { ids, statements };
}

/** Runs inserts as one statement (data-modifying CTEs); foreign keys are checked at its end. */
async function executeAsOne(tx: Queryable, [main, ...others]: SQLWrapper[]): Promise<void> {
  const ctes = others.map((statement, index) => sql`${sql.identifier(`w${index}`)} as (${statement.getSQL()})`);
  await tx.execute(ctes.length ? sql`with ${sql.join(ctes, sql`, `)} ${main.getSQL()}` : main.getSQL());
}

/** Writes sollicitations and their partners, situations and kinds of help, in the caller's transaction. */
export async function insertSollicitations(tx: Tx, passageId: string, list: SollicitationInput[], firstPosition = 1): Promise<string[]> {
  const { ids, statements } = sollicitationInserts(tx, passageId, list, firstPosition);
  await executeAsOne(tx, statements);
  return ids;
}

async function findReplay(agentId: string, key: string, q: Queryable): Promise<RecordedPassage | null> {
  const [existing] = await q
    .select({ id: passages.id, structureId: passages.structureId, startedAt: passages.startedAt })
    .from(passages)
    .where(and(eq(passages.agentId, agentId), eq(passages.idempotencyKey, key)));
  if (!existing) return null;
  const children = await q.select({ id: sollicitations.id }).from(sollicitations).where(eq(sollicitations.passageId, existing.id)).orderBy(sollicitations.position);
  return { id: existing.id, structureId: existing.structureId, debut: existing.startedAt.toISOString(), sollicitations: children.map((row) => row.id), replay: true };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === "23505";
}

/**
 * Records a passage with its sollicitations in one transaction. With an idempotency key, a replay
 * (even a concurrent one) returns the first result instead of a duplicate.
 * Creation is not journaled: the records are anonymous; corrections and deletions are.
 */
export async function recordPassage(
  actor: Actor,
  input: PassageInput,
  options: { idempotencyKey?: string | null; attenteSecondes?: number | null } = {},
): Promise<RecordedPassage> {
  const structureId = recordingStructure(actor, input.structureId);
  const key = options.idempotencyKey ?? null;
  if (key) {
    const replay = await findReplay(actor.userId, key, db());
    if (replay) return replay;
  }
  await assertUsableLocalPartners(actor, structureId, input.sollicitations.flatMap((sollicitation) => sollicitation.partenairesLocaux));
  const startedAt = input.debut ?? new Date();
  try {
    // One statement is one transaction: the passage, its children and its rollup mark, with the
    // deferred database rules checked at its end, in a single round trip.
    const q = db();
    const passage = { id: randomUUID() };
    const { ids, statements } = sollicitationInserts(q, passage.id, input.sollicitations, 1);
    const insertPassage = q.insert(passages).values({
        id: passage.id,
        structureId,
        agentId: actor.userId,
        startedAt,
        ...passageColumns(input),
      attenteSecondes: options.attenteSecondes ?? null,
      idempotencyKey: key,
    });
    await executeAsOne(q, [insertPassage, ...statements, q.insert(statQueue).values({ passageId: passage.id })]);
    return { id: passage.id, structureId, debut: startedAt.toISOString(), sollicitations: ids, replay: false };
  } catch (error) {
    if (key && isUniqueViolation(error)) {
      const replay = await findReplay(actor.userId, key, db());
      if (replay) return replay;
    }
    throw error;
  }
}
