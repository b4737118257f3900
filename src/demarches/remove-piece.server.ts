import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { demarchePieces, demarches } from "../db/schema";
import type { RequestContext } from "../donnees-personnelles/access.server";
import { AppError } from "../platform/app-error";
import { activity, changeDemarche } from "./change-demarche.server";

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
