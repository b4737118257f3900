import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { activeAssignmentFilter } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { canSeeDepartement } from "../acces/tenant-scope.server";
import { recordAudit } from "../audit/journal.server";
import type { RequestContext } from "../comptes/manage-roles.server";
import { db, type Queryable, type Tx } from "../db/client.server";
import {
  referentGroupHistory,
  referentGroupMembers,
  referentGroupStructures,
  referentGroups,
  roleAssignments,
  structures,
  users,
} from "../db/schema";
import { AppError } from "../platform/app-error";
import { actorGroupIds } from "./access.server";
import type { ReferentGroupInput } from "./saisines.schema";

type Change = (typeof referentGroupHistory.$inferInsert)["change"];

async function history(tx: Tx, groupId: string, actor: Actor, change: Change, detail: string | null = null) {
  await tx.insert(referentGroupHistory).values({ groupId, actorId: actor.userId || null, change, detail });
}

function audit(
  tx: Tx,
  actor: Actor,
  action:
    | "referent_group.created"
    | "referent_group.updated"
    | "referent_group.member_added"
    | "referent_group.member_removed"
    | "referent_group.confirmed",
  groupId: string,
  context: RequestContext,
) {
  return recordAudit(
    {
      action,
      ...auditActor(actor),
      targetType: "referent_group",
      targetId: groupId,
      ip: context.ip ?? null,
      userAgent: context.userAgent ?? null,
    },
    tx,
  );
}

/** Who maintains a group: the coordinateur of its département (and admin), or one of its members. */
export async function requireGroupEditor(actor: Actor, groupId: string, q: Queryable = db()) {
  const [group] = await q.select().from(referentGroups).where(eq(referentGroups.id, groupId));
  if (!group) throw new AppError("referent_group.not_found", 404);
  if (canSeeDepartement(actor, group.departement)) return group;
  if ((await actorGroupIds(actor, q)).includes(groupId)) return group;
  throw new AppError("referent_group.not_found", 404);
}

async function checkStructures(tx: Tx, departement: string, structureIds: string[]) {
  if (structureIds.length === 0) return;
  const found = await tx
    .select({ id: structures.id })
    .from(structures)
    .where(and(inArray(structures.id, structureIds), eq(structures.departement, departement)));
  if (found.length !== new Set(structureIds).size) throw new AppError("validation.failed", 400, "structureIds");
}

/** The coordinateur of the département creates a group. */
export async function createReferentGroup(
  actor: Actor,
  input: ReferentGroupInput,
  context: RequestContext = {},
): Promise<string> {
  if (!canSeeDepartement(actor, input.departement)) throw new AppError("auth.forbidden", 403);
  return db().transaction(async (tx) => {
    await checkStructures(tx, input.departement, input.structureIds);
    const [group] = await tx
      .insert(referentGroups)
      .values({
        departement: input.departement,
        partnerKey: input.partnerKey,
        nom: input.nom,
        mailbox: input.mailbox.toLowerCase(),
        emergencyPhones: input.emergencyPhones ?? null,
        instructions: input.instructions ?? null,
        coversWholeDepartement: input.coversWholeDepartement,
        firstAnswerDays: input.firstAnswerDays,
        resolutionDays: input.resolutionDays,
      })
      .returning({ id: referentGroups.id });
    if (!input.coversWholeDepartement && input.structureIds.length > 0)
      await tx
        .insert(referentGroupStructures)
        .values([...new Set(input.structureIds)].map((structureId) => ({ groupId: group.id, structureId })));
    await history(tx, group.id, actor, "created");
    await audit(tx, actor, "referent_group.created", group.id, context);
    return group.id;
  });
}

/** The coordinateur or a member edits the group (partner and département never change). */
export async function updateReferentGroup(
  actor: Actor,
  groupId: string,
  input: Omit<ReferentGroupInput, "departement" | "partnerKey">,
  context: RequestContext = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    const group = await requireGroupEditor(actor, groupId, tx);
    await checkStructures(tx, group.departement, input.structureIds);
    const changed = (
      [
        "nom",
        "mailbox",
        "emergencyPhones",
        "instructions",
        "coversWholeDepartement",
        "firstAnswerDays",
        "resolutionDays",
      ] as const
    ).filter((key) => (group[key] ?? null) !== ((input as Record<string, unknown>)[key] ?? null));
    await tx
      .update(referentGroups)
      .set({
        nom: input.nom,
        mailbox: input.mailbox.toLowerCase(),
        emergencyPhones: input.emergencyPhones ?? null,
        instructions: input.instructions ?? null,
        coversWholeDepartement: input.coversWholeDepartement,
        firstAnswerDays: input.firstAnswerDays,
        resolutionDays: input.resolutionDays,
        // An edit confirms the entry.
        lastConfirmedAt: new Date(),
        staleFlaggedAt: null,
        updatedAt: new Date(),
      })
      .where(eq(referentGroups.id, groupId));
    await tx.delete(referentGroupStructures).where(eq(referentGroupStructures.groupId, groupId));
    if (!input.coversWholeDepartement && input.structureIds.length > 0)
      await tx
        .insert(referentGroupStructures)
        .values([...new Set(input.structureIds)].map((structureId) => ({ groupId, structureId })));
    await history(tx, groupId, actor, "updated", [...changed, "structures"].join(", "));
    await audit(tx, actor, "referent_group.updated", groupId, context);
  });
}

/** Adds (or updates) a member: a user holding the referent role for the group's partner and département. */
export async function setGroupMember(
  actor: Actor,
  groupId: string,
  member: { userId: string; fonction?: string | null; telephoneDirect?: string | null; domaines?: string | null },
  context: RequestContext = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    const group = await requireGroupEditor(actor, groupId, tx);
    const [role] = await tx
      .select({ id: roleAssignments.id })
      .from(roleAssignments)
      .where(
        and(
          eq(roleAssignments.userId, member.userId),
          eq(roleAssignments.role, "referent"),
          eq(roleAssignments.partnerKey, group.partnerKey),
          eq(roleAssignments.departement, group.departement),
          activeAssignmentFilter(),
        ),
      );
    if (!role) throw new AppError("referent_group.member_invalid", 400, "userId");
    const values = {
      fonction: member.fonction ?? null,
      telephoneDirect: member.telephoneDirect ?? null,
      domaines: member.domaines ?? null,
    };
    const inserted = await tx
      .insert(referentGroupMembers)
      .values({ groupId, userId: member.userId, ...values })
      .onConflictDoUpdate({ target: [referentGroupMembers.groupId, referentGroupMembers.userId], set: values })
      .returning({ addedAt: referentGroupMembers.addedAt, fresh: sql<boolean>`xmax = 0` });
    await history(tx, groupId, actor, inserted[0]?.fresh ? "member_added" : "member_updated", member.userId);
    await audit(tx, actor, "referent_group.member_added", groupId, context);
  });
}

export async function removeGroupMember(
  actor: Actor,
  groupId: string,
  userId: string,
  context: RequestContext = {},
): Promise<void> {
  await db().transaction(async (tx) => {
    await requireGroupEditor(actor, groupId, tx);
    await tx
      .delete(referentGroupMembers)
      .where(and(eq(referentGroupMembers.groupId, groupId), eq(referentGroupMembers.userId, userId)));
    await history(tx, groupId, actor, "member_removed", userId);
    await audit(tx, actor, "referent_group.member_removed", groupId, context);
  });
}

/** A member or the coordinateur confirms the entry is still right (the yearly confirmation). */
export async function confirmReferentGroup(
  actor: Actor,
  groupId: string,
  context: RequestContext = {},
  now: Date = new Date(),
): Promise<void> {
  await db().transaction(async (tx) => {
    await requireGroupEditor(actor, groupId, tx);
    await tx
      .update(referentGroups)
      .set({ lastConfirmedAt: now, staleFlaggedAt: null, confirmationRequestedAt: null })
      .where(eq(referentGroups.id, groupId));
    await history(tx, groupId, actor, "confirmed");
    await audit(tx, actor, "referent_group.confirmed", groupId, context);
  });
}

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

/**
 * Coverage of a département for the coordinateur: for each open structure and national partner,
 * the group that a saisine would go to, or a gap.
 */
export async function directoryCoverage(
  actor: Actor,
  departement: string,
  partnerKeys: readonly string[],
  q: Queryable = db(),
) {
  if (!canSeeDepartement(actor, departement)) throw new AppError("auth.forbidden", 403);
  const structureRows = await q
    .select({ id: structures.id, nom: structures.nom })
    .from(structures)
    .where(and(eq(structures.departement, departement), sql`${structures.statut} <> 'fermee'`))
    .orderBy(asc(structures.nom));
  const groups = await q.select().from(referentGroups).where(eq(referentGroups.departement, departement));
  const links = groups.length
    ? await q
        .select()
        .from(referentGroupStructures)
        .where(
          inArray(
            referentGroupStructures.groupId,
            groups.map((g) => g.id),
          ),
        )
    : [];
  return structureRows.map((structure) => ({
    structure,
    partners: partnerKeys.map((partnerKey) => {
      const specific = groups.find(
        (g) => g.partnerKey === partnerKey && links.some((l) => l.groupId === g.id && l.structureId === structure.id),
      );
      const whole = groups.find((g) => g.partnerKey === partnerKey && g.coversWholeDepartement);
      const group = specific ?? whole ?? null;
      return { partnerKey, groupId: group?.id ?? null, groupNom: group?.nom ?? null };
    }),
  }));
}

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
