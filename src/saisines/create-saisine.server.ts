import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { recordAudit } from "../audit/journal.server";
import type { RequestContext } from "../audit/request-context";
import { db } from "../db/client.server";
import { demarches, passages, saisineIdentifications, saisines, sollicitations, structures } from "../db/schema";
import { AppError } from "../platform/app-error";
import { encrypt } from "../platform/encryption.server";
import { requireMandateForSaisine } from "./mandate-check.server";
import { groupRecipients, notify } from "./notify.server";
import { routeToGroup } from "./routing.server";
import { type CreateSaisineInput, identificationFieldsOf } from "./saisines.schema";
import { addWorkingDays } from "./working-days";

/** The associated data binding an identifier's ciphertext to its saisine and field. */
export function identificationAad(saisineId: string, fieldKey: string): string {
  return `saisine:${saisineId}:${fieldKey}`;
}

/**
 * An agent escalates a case to the partner's back office, from a sollicitation or a démarche of
 * their current structure. A saisine about a named usager (from a démarche) needs an active
 * mandate covering that démarche. Routed to the referent group covering the structure; deadlines
 * fixed now in working days of the structure's département.
 */
export async function createSaisine(
  actor: Actor,
  input: CreateSaisineInput,
  context: RequestContext = {},
  now: Date = new Date(),
): Promise<string> {
  const structureId = actor.currentStructureId;
  if (!structureId || !actor.structureIds.includes(structureId)) throw new AppError("usager.structure_required", 403);
  const { id, groupId } = await db().transaction(async (tx) => {
    const [structure] = await tx
      .select({ departement: structures.departement })
      .from(structures)
      .where(eq(structures.id, structureId));
    let usagerId: string | null = null;
    let mandatId: string | null = null;
    if (input.sollicitationId) {
      const [found] = await tx
        .select({ id: sollicitations.id })
        .from(sollicitations)
        .innerJoin(passages, eq(passages.id, sollicitations.passageId))
        .where(and(eq(sollicitations.id, input.sollicitationId), eq(passages.structureId, structureId)));
      if (!found) throw new AppError("saisine.source_not_found", 404, "sollicitationId");
    }
    if (input.demarcheId) {
      const [demarche] = await tx
        .select({ id: demarches.id, usagerId: demarches.usagerId })
        .from(demarches)
        .where(and(eq(demarches.id, input.demarcheId), inArray(demarches.structureId, [structureId])));
      if (!demarche) throw new AppError("saisine.source_not_found", 404, "demarcheId");
      usagerId = demarche.usagerId;
      if (usagerId) mandatId = await requireMandateForSaisine(actor, usagerId, demarche.id, tx);
    }
    const fields = identificationFieldsOf(input.partnerKey);
    const values = fields
      .map((key) => ({ key, value: input.identification[key]?.replace(/\s+/g, "").toUpperCase() ?? "" }))
      .filter((entry) => entry.value !== "");
    // Identifying an usager to the partner is acting for them: a mandate is required.
    if (values.length > 0 && !mandatId) throw new AppError("saisine.usager_demarche_required", 403, "demarcheId");
    const group = await routeToGroup(input.partnerKey, structureId, tx);
    if (!group) throw new AppError("saisine.no_referent_group", 409, "partnerKey");
    const [row] = await tx
      .insert(saisines)
      .values({
        structureId,
        departement: structure.departement,
        authorId: actor.userId,
        partnerKey: input.partnerKey,
        groupId: group.id,
        sollicitationId: input.sollicitationId ?? null,
        demarcheId: input.demarcheId ?? null,
        usagerId,
        mandatId,
        objet: input.objet,
        description: input.description,
        urgence: input.urgence,
        firstAnswerDueAt: addWorkingDays(now, group.firstAnswerDays, structure.departement),
        resolutionDueAt: addWorkingDays(now, group.resolutionDays, structure.departement),
        createdAt: now,
        lastMessageAt: now,
      })
      .returning({ id: saisines.id });
    for (const { key, value } of values) {
      const sealed = encrypt(value, identificationAad(row.id, key));
      await tx
        .insert(saisineIdentifications)
        .values({ saisineId: row.id, fieldKey: key, chiffre: sealed.value, keyId: sealed.keyId });
    }
    await recordAudit(
      {
        action: "saisine.created",
        ...auditActor(actor),
        structureId,
        targetType: "saisine",
        targetId: row.id,
        ip: context.ip ?? null,
        userAgent: context.userAgent ?? null,
      },
      tx,
    );
    return { id: row.id, groupId: group.id };
  });
  await notify(await groupRecipients(groupId), id, "une nouvelle saisine est adressée à votre groupe");
  return id;
}
