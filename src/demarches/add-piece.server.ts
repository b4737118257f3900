import { eq, max } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { demarchePieces, demarches } from "../db/schema";
import type { RequestContext } from "../donnees-personnelles/access.server";
import { activity, changeDemarche } from "./change-demarche.server";

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
