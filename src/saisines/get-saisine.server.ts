import { and, asc, eq, inArray } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { recordAudit } from "../audit/journal.server";
import type { RequestContext } from "../audit/request-context";
import { db, type Queryable } from "../db/client.server";
import { referentGroups, saisineIdentifications, saisineMessages, saisines, structures, users } from "../db/schema";
import { AppError } from "../platform/app-error";
import { decrypt } from "../platform/encryption.server";
import { actorGroupIds, saisineScope } from "./access.server";
import { identificationAad } from "./create-saisine.server";
import { deadlineView } from "./deadlines";
import { IDENTIFICATION_FIELDS, type IdentificationField } from "./saisines.schema";
import { type MessageSide, type MessageType, saisineState, type ThreadMessage, type Usefulness } from "./status";

export type SaisineRow = typeof saisines.$inferSelect;

export async function loadThread(saisineId: string, q: Queryable = db()) {
  const rows = await q
    .select()
    .from(saisineMessages)
    .where(eq(saisineMessages.saisineId, saisineId))
    .orderBy(asc(saisineMessages.seq));
  return rows.map((row) => ({
    ...row,
    side: row.side as MessageSide,
    type: row.type as MessageType,
    usefulness: row.usefulness as Usefulness | null,
  }));
}

/** The saisine if the actor may read it (404 otherwise: its existence is not disclosed), with the side the actor speaks for. */
export async function findSaisine(actor: Actor, id: string, q: Queryable = db()) {
  const groupIds = await actorGroupIds(actor, q);
  const [row] = await q
    .select()
    .from(saisines)
    .where(and(eq(saisines.id, id), saisineScope(actor, groupIds)));
  if (!row) {
    // A referent (no structure, no département to coordinate) outside their groups gets 403,
    // whether the saisine exists or not: nothing is disclosed, and the refusal is explicit.
    const referentOnly =
      actor.referentScopes.length > 0 && actor.structureIds.length === 0 && actor.coordinateurDepartements.length === 0;
    throw referentOnly ? new AppError("auth.forbidden", 403) : new AppError("saisine.not_found", 404);
  }
  const thread = await loadThread(id, q);
  const state = saisineState(row.groupId, thread as ThreadMessage[]);
  const side: MessageSide | null = groupIds.includes(state.groupId)
    ? "referent"
    : actor.structureIds.includes(row.structureId)
      ? "agent"
      : null;
  return { row, thread, state, side, groupIds };
}

/** The saisine page: thread, state, deadlines and the identification (decrypted), the view audited. */
export async function getSaisine(actor: Actor, id: string, context: RequestContext = {}, now: Date = new Date()) {
  return db().transaction(async (tx) => {
    const found = await findSaisine(actor, id, tx);
    const { row } = found;
    const groupIdsShown = [
      ...new Set([row.groupId, ...found.thread.map((m) => m.targetGroupId).filter((g): g is string => g !== null)]),
    ];
    const groups = await tx
      .select({
        id: referentGroups.id,
        nom: referentGroups.nom,
        departement: referentGroups.departement,
        partnerKey: referentGroups.partnerKey,
      })
      .from(referentGroups)
      .where(inArray(referentGroups.id, groupIdsShown));
    const authorIds = [
      ...new Set([row.authorId, ...found.thread.map((m) => m.authorId)].filter((a): a is string => a !== null)),
    ];
    const authors = authorIds.length
      ? await tx
          .select({ id: users.id, prenom: users.prenom, nom: users.nom })
          .from(users)
          .where(inArray(users.id, authorIds))
      : [];
    const [structure] = await tx
      .select({ nom: structures.nom })
      .from(structures)
      .where(eq(structures.id, row.structureId));
    // Identifiers only for the two sides of the exchange (not for a coordinateur following the delays).
    const sealed =
      row.destroyedAt || !found.side
        ? []
        : await tx.select().from(saisineIdentifications).where(eq(saisineIdentifications.saisineId, row.id));
    const identification = sealed.map((entry) => ({
      key: entry.fieldKey,
      label: IDENTIFICATION_FIELDS[entry.fieldKey as IdentificationField]?.label ?? entry.fieldKey,
      value: decrypt(entry.chiffre, identificationAad(row.id, entry.fieldKey)),
    }));
    // Other groups of the département, for "pas le bon interlocuteur".
    const rerouteTargets =
      found.side === "referent"
        ? (
            await tx
              .select({ id: referentGroups.id, nom: referentGroups.nom })
              .from(referentGroups)
              .where(eq(referentGroups.departement, row.departement))
              .orderBy(asc(referentGroups.nom))
          ).filter((group) => group.id !== found.state.groupId)
        : [];
    await recordAudit(
      {
        action: "saisine.viewed",
        ...auditActor(actor),
        structureId: row.structureId,
        targetType: "saisine",
        targetId: row.id,
        ip: context.ip ?? null,
        userAgent: context.userAgent ?? null,
      },
      tx,
    );
    return {
      ...found,
      structureNom: structure?.nom ?? "",
      groups,
      authors,
      identification,
      rerouteTargets,
      deadline: deadlineView(row, found.state, now),
    };
  });
}
