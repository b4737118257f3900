import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db, type Queryable } from "../db/client.server";
import { referentGroupMembers, referentGroupStructures, referentGroups, structures, users } from "../db/schema";
import { actorGroupIds } from "./access.server";

export type DirectoryGroup = typeof referentGroups.$inferSelect & {
  structureIds: string[];
  members: Array<{
    userId: string;
    prenom: string;
    nom: string;
    email: string;
    fonction: string | null;
    telephoneDirect: string | null;
    domaines: string | null;
  }>;
};

/**
 * The directory an actor may read (never public): agents see the groups covering their
 * structures; referents their own groups; the coordinateur every group of their départements.
 */
export async function listDirectory(actor: Actor, q: Queryable = db()): Promise<DirectoryGroup[]> {
  const conditions = [];
  if (actor.structureIds.length > 0) {
    const mine = q
      .select({ departement: structures.departement })
      .from(structures)
      .where(inArray(structures.id, actor.structureIds));
    conditions.push(
      or(
        and(eq(referentGroups.coversWholeDepartement, true), inArray(referentGroups.departement, mine)),
        inArray(
          referentGroups.id,
          q
            .select({ id: referentGroupStructures.groupId })
            .from(referentGroupStructures)
            .where(inArray(referentGroupStructures.structureId, actor.structureIds)),
        ),
      ),
    );
  }
  const groupIds = await actorGroupIds(actor, q);
  if (groupIds.length > 0) conditions.push(inArray(referentGroups.id, groupIds));
  if (actor.roles.has("admin")) conditions.push(sql`true`);
  else if (actor.coordinateurDepartements.length > 0)
    conditions.push(inArray(referentGroups.departement, actor.coordinateurDepartements));
  if (conditions.length === 0) return [];
  const groups = await q
    .select()
    .from(referentGroups)
    .where(or(...conditions))
    .orderBy(asc(referentGroups.departement), asc(referentGroups.partnerKey), asc(referentGroups.nom));
  if (groups.length === 0) return [];
  const ids = groups.map((group) => group.id);
  const links = await q.select().from(referentGroupStructures).where(inArray(referentGroupStructures.groupId, ids));
  const members = await q
    .select({
      groupId: referentGroupMembers.groupId,
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
    .where(inArray(referentGroupMembers.groupId, ids))
    .orderBy(asc(users.nom));
  return groups.map((group) => ({
    ...group,
    structureIds: links.filter((link) => link.groupId === group.id).map((link) => link.structureId),
    members: members.filter((member) => member.groupId === group.id).map(({ groupId: _groupId, ...member }) => member),
  }));
}
