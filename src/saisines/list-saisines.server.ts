import { desc, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db, type Queryable } from "../db/client.server";
import { saisines, structures } from "../db/schema";
import { actorGroupIds, saisineScope } from "./access.server";
import { type DeadlineView, deadlineView } from "./deadlines";
import { statesOf } from "./states.server";
import type { SaisineState } from "./status";

export type SaisineListItem = {
  id: string;
  objet: string | null;
  partnerKey: string;
  urgence: string;
  structureNom: string;
  createdAt: Date;
  state: SaisineState;
  deadline: DeadlineView;
  /** Whether the actor answers it for a group (referent side) or follows it (agent side). */
  mine: "referent" | "agent" | null;
};

/**
 * Saisines the actor may read, newest first: the structures' saisines for agents and the
 * coordinateur, only those addressed to their groups for referents. Status and badges computed.
 */
export async function listSaisines(
  actor: Actor,
  now: Date = new Date(),
  q: Queryable = db(),
): Promise<SaisineListItem[]> {
  const groupIds = await actorGroupIds(actor, q);
  const rows = await q
    .select({ saisine: saisines, structureNom: structures.nom })
    .from(saisines)
    .innerJoin(structures, eq(structures.id, saisines.structureId))
    .where(saisineScope(actor, groupIds))
    .orderBy(desc(saisines.createdAt))
    .limit(500);
  const stateOf = await statesOf(
    rows.map((row) => row.saisine),
    q,
  );
  return rows.map(({ saisine, structureNom }) => {
    const state = stateOf(saisine.id);
    return {
      id: saisine.id,
      objet: saisine.objet,
      partnerKey: saisine.partnerKey,
      urgence: saisine.urgence,
      structureNom,
      createdAt: saisine.createdAt,
      state,
      deadline: deadlineView(saisine, state, now),
      mine: groupIds.includes(state.groupId)
        ? "referent"
        : actor.structureIds.includes(saisine.structureId)
          ? "agent"
          : null,
    };
  });
}
