import { and, asc, eq, max } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable, type Tx } from "../db/client.server";
import { demarchePassages, demarchePieces, demarches, passages } from "../db/schema";
import { auditPersonalData, type RequestContext } from "../donnees-personnelles/access.server";
import { requireActiveMandate } from "../mandats/require-active-mandate.server";
import { syncMandatEnds } from "../mandats/sync-mandat-end.server";
import { AppError } from "../platform/app-error";
import { parisInstant } from "../platform/time";
import { isClosedStatut, type PieceEtat } from "./demarches.labels";
import type { RendezVousInput, SuiviInput } from "./demarches.schema";
import { type DemarcheRow, findDemarche, structureAgents } from "./get-demarche.server";

/** Every change is activity: it clears the inactivity flag (src/retention). */
function activity(now: Date) {
  return { lastActivityAt: now, inactivityFlaggedAt: null };
}

async function changeDemarche(
  actor: Actor,
  id: string,
  context: RequestContext,
  work: (tx: Tx, row: DemarcheRow & { usagerId: string; titre: string }, now: Date) => Promise<void>,
  options: { openOnly?: boolean } = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    const row = await findDemarche(actor, id, tx);
    if (options.openOnly && isClosedStatut(row.statut)) throw new AppError("demarche.closed", 409);
    const now = new Date();
    await work(tx, row, now);
    await auditPersonalData(
      actor,
      "demarche.updated",
      { type: "demarche", id: row.id, structureId: row.structureId },
      context,
      tx,
    );
  });
}

/**
 * Status, next step, agent in charge, notes. Closing records the date (the retention grace starts);
 * reopening clears it. On a démarche done "pour le compte" of the usager, handing it to the partner
 * is an action in the usager's name: it needs an active mandate.
 */
export async function updateSuivi(
  actor: Actor,
  id: string,
  input: SuiviInput,
  context: RequestContext = {},
): Promise<void> {
  await changeDemarche(actor, id, context, async (tx, row, now) => {
    if (!(await structureAgents(row.structureId, tx)).some((agent) => agent.id === input.agentId))
      throw new AppError("demarche.agent_invalid", 400, "agentId");
    if (row.pourLeCompte && input.statut === "attente_partenaire" && row.statut !== "attente_partenaire") {
      await requireActiveMandate(actor, row.usagerId, row.id, tx, now);
    }
    const closing = isClosedStatut(input.statut);
    await tx
      .update(demarches)
      .set({
        statut: input.statut,
        closedAt: closing ? (row.closedAt ?? now) : null,
        agentId: input.agentId,
        prochaineEtape: input.prochaineEtape,
        prochaineEtapeLe: input.prochaineEtapeLe,
        notes: input.notes,
        remarquesTransmission: input.remarquesTransmission,
        ...activity(now),
      })
      .where(eq(demarches.id, row.id));
    if (closing !== isClosedStatut(row.statut)) await syncMandatEnds(tx, { demarcheIds: [row.id] }, now);
  });
}

/** A change to a piece voids the completeness mark unless every piece is still verified. */
async function refreshCompleteness(tx: Queryable, demarcheId: string): Promise<void> {
  const pieces = await tx
    .select({ etat: demarchePieces.etat })
    .from(demarchePieces)
    .where(eq(demarchePieces.demarcheId, demarcheId));
  if (pieces.some((piece) => piece.etat !== "verifie"))
    await tx.update(demarches).set({ completAt: null, completBy: null }).where(eq(demarches.id, demarcheId));
}

export async function updatePieces(
  actor: Actor,
  id: string,
  pieces: Array<{ id: string; etat: PieceEtat }>,
  context: RequestContext = {},
): Promise<void> {
  await changeDemarche(
    actor,
    id,
    context,
    async (tx, row, now) => {
      const existing = new Set(
        (
          await tx.select({ id: demarchePieces.id }).from(demarchePieces).where(eq(demarchePieces.demarcheId, row.id))
        ).map((piece) => piece.id),
      );
      for (const piece of pieces) {
        if (!existing.has(piece.id)) throw new AppError("demarche.piece_not_found", 400);
        await tx
          .update(demarchePieces)
          .set({ etat: piece.etat, updatedAt: now })
          .where(and(eq(demarchePieces.id, piece.id), eq(demarchePieces.demarcheId, row.id)));
      }
      await refreshCompleteness(tx, row.id);
      await tx.update(demarches).set(activity(now)).where(eq(demarches.id, row.id));
    },
    { openOnly: true },
  );
}

export async function addPiece(actor: Actor, id: string, libelle: string, context: RequestContext = {}): Promise<void> {
  await changeDemarche(
    actor,
    id,
    context,
    async (tx, row, now) => {
      const [last] = await tx
        .select({ position: max(demarchePieces.position) })
        .from(demarchePieces)
        .where(eq(demarchePieces.demarcheId, row.id));
      await tx.insert(demarchePieces).values({ demarcheId: row.id, position: (last?.position ?? 0) + 1, libelle });
      await tx
        .update(demarches)
        .set({ completAt: null, completBy: null, ...activity(now) })
        .where(eq(demarches.id, row.id));
    },
    { openOnly: true },
  );
}

export async function removePiece(
  actor: Actor,
  id: string,
  pieceId: string,
  context: RequestContext = {},
): Promise<void> {
  await changeDemarche(
    actor,
    id,
    context,
    async (tx, row, now) => {
      const deleted = await tx
        .delete(demarchePieces)
        .where(and(eq(demarchePieces.id, pieceId), eq(demarchePieces.demarcheId, row.id)))
        .returning({ id: demarchePieces.id });
      if (deleted.length === 0) throw new AppError("demarche.piece_not_found", 404);
      await tx.update(demarches).set(activity(now)).where(eq(demarches.id, row.id));
    },
    { openOnly: true },
  );
}

/** Completeness check (commitment 3): every piece verified; then the fiche de transmission can be printed. */
export async function markComplete(actor: Actor, id: string, context: RequestContext = {}): Promise<void> {
  await changeDemarche(
    actor,
    id,
    context,
    async (tx, row, now) => {
      const pieces = await tx
        .select({ etat: demarchePieces.etat })
        .from(demarchePieces)
        .where(eq(demarchePieces.demarcheId, row.id))
        .orderBy(asc(demarchePieces.position));
      if (pieces.some((piece) => piece.etat !== "verifie")) throw new AppError("demarche.incomplete", 409);
      await tx
        .update(demarches)
        .set({ completAt: now, completBy: actor.userId, ...activity(now) })
        .where(eq(demarches.id, row.id));
    },
    { openOnly: true },
  );
}

/** Links a passage of the accueil (same structure) so that the history of visits shows. */
export async function linkPassage(
  actor: Actor,
  id: string,
  passageId: string,
  context: RequestContext = {},
): Promise<void> {
  await changeDemarche(actor, id, context, async (tx, row, now) => {
    const [passage] = await tx
      .select({ id: passages.id })
      .from(passages)
      .where(
        and(
          eq(passages.id, passageId),
          eq(passages.structureId, row.structureId),
          structureScope(actor, { structureId: passages.structureId }),
        ),
      );
    if (!passage) throw new AppError("demarche.passage_not_found", 404, "passageId");
    await tx.insert(demarchePassages).values({ demarcheId: row.id, passageId }).onConflictDoNothing();
    await tx.update(demarches).set(activity(now)).where(eq(demarches.id, row.id));
  });
}

export async function unlinkPassage(
  actor: Actor,
  id: string,
  passageId: string,
  context: RequestContext = {},
): Promise<void> {
  await changeDemarche(actor, id, context, async (tx, row, now) => {
    await tx
      .delete(demarchePassages)
      .where(and(eq(demarchePassages.demarcheId, row.id), eq(demarchePassages.passageId, passageId)));
    await tx.update(demarches).set(activity(now)).where(eq(demarches.id, row.id));
  });
}

/** Prepares a partner appointment (commitment 5): place, time (Paris), person met, public contact. */
export async function saveRendezVous(
  actor: Actor,
  id: string,
  input: RendezVousInput,
  context: RequestContext = {},
): Promise<void> {
  await changeDemarche(
    actor,
    id,
    context,
    async (tx, row, now) => {
      const [hours, minutes] = input.rdvAt.slice(11, 16).split(":").map(Number);
      await tx
        .update(demarches)
        .set({
          rdvAt: parisInstant(input.rdvAt.slice(0, 10), hours * 60 + minutes),
          rdvLieu: input.rdvLieu,
          rdvInterlocuteur: input.rdvInterlocuteur,
          rdvContact: input.rdvContact,
          rdvRemarques: input.rdvRemarques,
          ...activity(now),
        })
        .where(eq(demarches.id, row.id));
    },
    { openOnly: true },
  );
}
