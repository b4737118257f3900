import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { demarchePassages, demarches } from "../db/schema";
import type { RequestContext } from "../donnees-personnelles/access.server";
import { activity, changeDemarche } from "./change-demarche.server";

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
