import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { demarchePassages, demarches, passages } from "../db/schema";
import type { RequestContext } from "../donnees-personnelles/access.server";
import { AppError } from "../platform/app-error";
import { activity, changeDemarche } from "./change-demarche.server";

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
