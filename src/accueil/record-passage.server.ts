import { randomUUID } from "node:crypto";
import { and, eq, getTableName, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db, isUniqueViolation, type Queryable, type Tx } from "../db/client.server";
import { groupCommit } from "../db/group-commit";
import { columnRecord, jsonInsertSql, jsonParameter } from "../db/json-insert";
import {
  passages,
  sollicitationAides,
  sollicitationPartenaires,
  sollicitationSituations,
  sollicitations,
  statQueue,
} from "../db/schema";
import { AppError } from "../platform/app-error";
import { sha256Hex } from "../platform/crypto.server";
import { SIGNALEMENT_COLUMNS } from "./accueil.labels";
import type { PassageInput, SollicitationInput } from "./accueil.schema";
import { assertUsableLocalPartners } from "./local-partners.server";
import { noteRecordedDemands } from "./quick-picks.server";

export type RecordedPassage = {
  id: string;
  structureId: string;
  debut: string;
  sollicitations: string[];
  replay: boolean;
};

/** The structure a passage is recorded in: one the actor works in (the current one by default). */
export function recordingStructure(actor: Actor, requested?: string): string {
  const structureId = requested ?? actor.currentStructureId;
  if (!structureId || !actor.structureIds.includes(structureId))
    throw new AppError("accueil.structure_forbidden", 403, "structureId");
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

const SOLLICITATION_PROPERTIES = [
  "id",
  "passageId",
  "position",
  "horsPartenaires",
  "autonomie",
  "issue",
  "precision",
  ...Object.values(SIGNALEMENT_COLUMNS),
] as const;

/** A member of the statement's only parameter: the jsonb `input.j`. */
const from = (member: string) => `(select j->'${member}' from input)`;

/** The sollicitations and their partners, situations and kinds of help, from the jsonb parameter. */
const SOLLICITATION_CTES = [
  "input as (select $1::jsonb as j)",
  `s as (${jsonInsertSql(sollicitations, [...SOLLICITATION_PROPERTIES], from("sollicitations"))})`,
  `sp as (${jsonInsertSql(sollicitationPartenaires, ["sollicitationId", "partnerKey", "partenaireLocalId"], from("partenaires"))})`,
  `ss as (${jsonInsertSql(sollicitationSituations, ["sollicitationId", "situationKey"], from("situations"))})`,
  `sa as (${jsonInsertSql(sollicitationAides, ["sollicitationId", "aideKey"], from("aides"))})`,
].join(", ");

const PASSAGE_PROPERTIES = [
  "id",
  "structureId",
  "agentId",
  "startedAt",
  "dureeMinutes",
  "canal",
  "avecRdv",
  "trancheAge",
  "genre",
  "communeResidence",
  "premiereVisite",
  "equipPoste",
  "equipImprimante",
  "equipScanner",
  "equipVisio",
  "attenteSecondes",
  "idempotencyKey",
  "idempotencyFingerprint",
] as const;

/**
 * Recording is ONE constant statement (data-modifying CTEs): passages, their sollicitations and
 * their children, and the rollup marks; one round trip, one implicit transaction, with the deferred
 * database rules checked at its end. Concurrent recordings share it (group commit).
 */
const RECORD_PASSAGES_SQL =
  `with ${SOLLICITATION_CTES}, p as (${jsonInsertSql(passages, [...PASSAGE_PROPERTIES], from("passages"))}) ` +
  `insert into ${getTableName(statQueue)} (passage_id, structure_id) select (passage->>'id')::uuid, (passage->>'structure_id')::uuid from input, jsonb_array_elements(j->'passages') passage`;

const recordPassages = groupCommit("guichet_record_passages", RECORD_PASSAGES_SQL, { maxBatch: 64, maxInFlight: 1 });

const ADD_SOLLICITATIONS_SQL = `with ${SOLLICITATION_CTES} select 1`;

/** The jsonb parameter of the statements above: ids are made here so that the caller knows them. */
function sollicitationRows(passageId: string, list: SollicitationInput[], firstPosition: number) {
  const ids = list.map(() => randomUUID());
  const children = <T>(rows: (sollicitation: SollicitationInput, id: string) => T[]) =>
    list.flatMap((sollicitation, index) => rows(sollicitation, ids[index]));
  return {
    ids,
    rows: {
      sollicitations: list.map((sollicitation, index) =>
        columnRecord(sollicitations, {
          id: ids[index],
          passageId,
          position: firstPosition + index,
          horsPartenaires: sollicitation.horsPartenaires,
          autonomie: sollicitation.autonomie,
          issue: sollicitation.issue,
          precision: sollicitation.precision,
          ...Object.fromEntries(
            Object.entries(SIGNALEMENT_COLUMNS).map(([key, column]) => [
              column,
              (sollicitation.signalements as string[]).includes(key),
            ]),
          ),
        }),
      ),
      partenaires: children((sollicitation, sollicitationId) => [
        ...sollicitation.partenaires.map((partnerKey) =>
          columnRecord(sollicitationPartenaires, { sollicitationId, partnerKey }),
        ),
        ...sollicitation.partenairesLocaux.map((partenaireLocalId) =>
          columnRecord(sollicitationPartenaires, { sollicitationId, partenaireLocalId }),
        ),
      ]),
      situations: children((sollicitation, sollicitationId) =>
        sollicitation.situations.map((situationKey) =>
          columnRecord(sollicitationSituations, { sollicitationId, situationKey }),
        ),
      ),
      aides: children((sollicitation, sollicitationId) =>
        sollicitation.aides.map((aideKey) => columnRecord(sollicitationAides, { sollicitationId, aideKey })),
      ),
    },
  };
}

/** Writes sollicitations and their partners, situations and kinds of help, in the caller's transaction. */
export async function insertSollicitations(
  tx: Tx,
  passageId: string,
  list: SollicitationInput[],
  firstPosition = 1,
): Promise<string[]> {
  const { ids, rows } = sollicitationRows(passageId, list, firstPosition);
  const [before, after] = ADD_SOLLICITATIONS_SQL.split("$1");
  await tx.execute(sql`${sql.raw(before)}${jsonParameter(rows)}${sql.raw(after)}`);
  return ids;
}

/** What a key promises to repeat: the structure and the passage as sent (before any default). */
function fingerprintOf(structureId: string, input: PassageInput): string {
  return sha256Hex(JSON.stringify([structureId, input]));
}

/**
 * The passage first recorded with this key, or null. The same key with another request is a client
 * error (IETF idempotency-key draft): refused with 422, never answered with the other passage.
 */
async function findReplay(
  agentId: string,
  key: string,
  fingerprint: string,
  q: Queryable,
): Promise<RecordedPassage | null> {
  const [existing] = await q
    .select({
      id: passages.id,
      structureId: passages.structureId,
      startedAt: passages.startedAt,
      fingerprint: passages.idempotencyFingerprint,
    })
    .from(passages)
    .where(and(eq(passages.agentId, agentId), eq(passages.idempotencyKey, key)));
  if (!existing) return null;
  if (existing.fingerprint !== null && existing.fingerprint !== fingerprint)
    throw new AppError("accueil.idempotency_conflict", 422);
  const children = await q
    .select({ id: sollicitations.id })
    .from(sollicitations)
    .where(eq(sollicitations.passageId, existing.id))
    .orderBy(sollicitations.position);
  return {
    id: existing.id,
    structureId: existing.structureId,
    debut: existing.startedAt.toISOString(),
    sollicitations: children.map((row) => row.id),
    replay: true,
  };
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
  const fingerprint = key ? fingerprintOf(structureId, input) : null;
  if (key && fingerprint) {
    const replay = await findReplay(actor.userId, key, fingerprint, db());
    if (replay) return replay;
  }
  await assertUsableLocalPartners(
    actor,
    structureId,
    input.sollicitations.flatMap((sollicitation) => sollicitation.partenairesLocaux),
  );
  const startedAt = input.debut ?? new Date();
  try {
    const id = randomUUID();
    const { ids, rows } = sollicitationRows(id, input.sollicitations, 1);
    const passage = columnRecord(passages, {
      id,
      structureId,
      agentId: actor.userId,
      startedAt,
      ...passageColumns(input),
      attenteSecondes: options.attenteSecondes ?? null,
      idempotencyKey: key,
      idempotencyFingerprint: fingerprint,
    });
    await recordPassages({ ...rows, passages: [passage] });
    noteRecordedDemands(structureId, startedAt, input.sollicitations);
    return { id, structureId, debut: startedAt.toISOString(), sollicitations: ids, replay: false };
  } catch (error) {
    if (key && fingerprint && isUniqueViolation(error)) {
      const replay = await findReplay(actor.userId, key, fingerprint, db());
      if (replay) return replay;
    }
    throw error;
  }
}
