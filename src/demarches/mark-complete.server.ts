import { asc, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { demarchePieces, demarches } from "../db/schema";
import type { RequestContext } from "../donnees-personnelles/access.server";
import { AppError } from "../platform/app-error";
import { activity, changeDemarche } from "./change-demarche.server";

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
