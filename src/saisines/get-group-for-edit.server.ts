import { and, asc, eq, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { activeAssignmentFilter } from "../acces/actor.server";
import { db, type Queryable } from "../db/client.server";
import {
  referentGroupHistory,
  referentGroupMembers,
  referentGroupStructures,
  roleAssignments,
  structures,
  users,
} from "../db/schema";
import { requireGroupEditor } from "./require-group-editor.server";

/** The group page of its editors: the group, its structures, members, candidates, the département's structures and the history. */
export async function getGroupForEdit(actor: Actor, groupId: string, q: Queryable = db()) {
  const group = await requireGroupEditor(actor, groupId, q);
  const [structureLinks, members, candidates, departementStructures, changes] = await Promise.all([
    q
      .select({ id: referentGroupStructures.structureId })
      .from(referentGroupStructures)
      .where(eq(referentGroupStructures.groupId, groupId)),
    q
      .select({
        userId: users.id,
        prenom: users.prenom,
        nom: users.nom,
        email: users.email,
        fonction: referentGroupMembers.fonction,
        telephoneDirect: referentGroupMembers.telephoneDirect,
        domaines: referentGroupMembers.domaines,
      })
      .from(referentGroupMembers)
      .innerJoin(users, eq(users.id, referentGroupMembers.userId))
      .where(eq(referentGroupMembers.groupId, groupId))
      .orderBy(asc(users.nom)),
    q
      .select({ userId: users.id, prenom: users.prenom, nom: users.nom })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(
        and(
          eq(roleAssignments.role, "referent"),
          eq(roleAssignments.partnerKey, group.partnerKey),
          eq(roleAssignments.departement, group.departement),
          activeAssignmentFilter(),
        ),
      )
      .orderBy(asc(users.nom)),
    q
      .select({ id: structures.id, nom: structures.nom })
      .from(structures)
      .where(eq(structures.departement, group.departement))
      .orderBy(asc(structures.nom)),
    q
      .select()
      .from(referentGroupHistory)
      .where(eq(referentGroupHistory.groupId, groupId))
      .orderBy(sql`${referentGroupHistory.at} desc`)
      .limit(50),
  ]);
  return {
    group,
    structureIds: structureLinks.map((link) => link.id),
    members,
    candidates: candidates.filter((candidate) => !members.some((member) => member.userId === candidate.userId)),
    departementStructures,
    history: changes,
  };
}
