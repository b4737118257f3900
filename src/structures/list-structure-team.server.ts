import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { type Actor, activeAssignmentFilter } from "../acces/actor.server";
import { db, type Queryable } from "../db/client.server";
import { roleAssignments, users } from "../db/schema";
import { getStructure } from "./get-structure.server";

export type TeamMember = { prenom: string; nom: string; role: "agent" | "responsable" };

/**
 * Who sees a structure's team: its responsables, the coordinateurs of its département, national
 * and admin. Agents do not (they know their colleagues; the list is a management view).
 */
export function canSeeTeam(actor: Actor, structureId: string): boolean {
  return (
    actor.roles.has("admin") ||
    actor.roles.has("national") ||
    actor.roles.has("coordinateur") ||
    actor.responsableStructureIds.includes(structureId)
  );
}

/**
 * The people holding an agent or responsable role on the structure today: names and role only,
 * never contact details. Returns null when the actor may not see the team.
 */
export async function listStructureTeam(
  actor: Actor,
  structureId: string,
  q: Queryable = db(),
): Promise<TeamMember[] | null> {
  const structure = await getStructure(actor, structureId, q);
  if (!canSeeTeam(actor, structure.id)) return null;
  const rows = await q
    .selectDistinct({ userId: users.id, prenom: users.prenom, nom: users.nom, role: roleAssignments.role })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.structureId, structure.id),
        inArray(roleAssignments.role, ["agent", "responsable"]),
        activeAssignmentFilter(),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(roleAssignments.role), asc(users.nom), asc(users.prenom));
  return rows
    .sort((a, b) => (a.role === b.role ? 0 : a.role === "responsable" ? -1 : 1))
    .map((row) => ({ prenom: row.prenom, nom: row.nom, role: row.role as TeamMember["role"] }));
}
