import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable } from "../db/client.server";
import { anyOf } from "../db/conditions";
import { referentGroupMembers, referentGroups, saisineMessages, saisines } from "../db/schema";

/**
 * The groups an actor answers for: groups they are a member of, whose partner and département
 * match a referent role in force today (an ended role ends the access, membership or not).
 */
export async function actorGroupIds(actor: Actor, q: Queryable = db()): Promise<string[]> {
  if (actor.referentScopes.length === 0) return [];
  const rows = await q
    .select({ id: referentGroups.id, partnerKey: referentGroups.partnerKey, departement: referentGroups.departement })
    .from(referentGroupMembers)
    .innerJoin(referentGroups, eq(referentGroups.id, referentGroupMembers.groupId))
    .where(eq(referentGroupMembers.userId, actor.userId));
  return rows
    .filter((row) =>
      actor.referentScopes.some(
        (scope) => scope.partnerKey === row.partnerKey && scope.departement === row.departement,
      ),
    )
    .map((row) => row.id);
}

/**
 * Which saisines an actor may read: those of their structures (agents, responsables; the
 * coordinateur's département through `structureScope`), and for referents only those addressed
 * to one of their groups, now or before a re-routing. Nothing else of any structure.
 */
export function saisineScope(actor: Actor, groupIds: string[]): SQL {
  const conditions: [SQL, ...SQL[]] = [
    structureScope(actor, { structureId: saisines.structureId, departement: saisines.departement }),
  ];
  if (groupIds.length > 0) {
    conditions.push(inArray(saisines.groupId, groupIds));
    conditions.push(
      sql`exists (select 1 from ${saisineMessages} where ${and(eq(saisineMessages.saisineId, saisines.id), inArray(saisineMessages.targetGroupId, groupIds))})`,
    );
  }
  return anyOf(...conditions);
}
