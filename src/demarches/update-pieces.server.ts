import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import type { Queryable } from "../db/client.server";
import { demarchePieces, demarches } from "../db/schema";
import type { RequestContext } from "../donnees-personnelles/access.server";
import type { PieceEtat } from "../donnees-personnelles/demarches.labels";
import { AppError } from "../platform/app-error";
import { activity, changeDemarche } from "./change-demarche.server";

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
