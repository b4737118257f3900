import { desc, eq } from "drizzle-orm";
import { db, type Queryable } from "../db/client.server";
import { saisines } from "../db/schema";
import { statesOf } from "./states.server";
import type { SaisineStatus } from "./status";

export type DemarcheSaisine = {
  id: string;
  objet: string;
  partnerKey: string;
  status: SaisineStatus;
  createdAt: string;
};

/** The saisines written from a démarche, newest first, with their computed state (the démarche page). */
export async function demarcheSaisines(demarcheId: string, q: Queryable = db()): Promise<DemarcheSaisine[]> {
  const rows = await q
    .select({
      id: saisines.id,
      groupId: saisines.groupId,
      objet: saisines.objet,
      partnerKey: saisines.partnerKey,
      createdAt: saisines.createdAt,
    })
    .from(saisines)
    .where(eq(saisines.demarcheId, demarcheId))
    .orderBy(desc(saisines.createdAt));
  const stateOf = await statesOf(rows, q);
  return rows.map((row) => ({
    id: row.id,
    objet: row.objet ?? "Saisine close, contenu effacé",
    partnerKey: row.partnerKey,
    status: stateOf(row.id).status,
    createdAt: row.createdAt.toISOString(),
  }));
}
