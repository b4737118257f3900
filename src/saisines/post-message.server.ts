import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { recordAudit } from "../audit/journal.server";
import type { RequestContext } from "../audit/request-context";
import { db } from "../db/client.server";
import { referentGroups, saisineMessages, saisines } from "../db/schema";
import { AppError } from "../platform/app-error";
import { findSaisine } from "./get-saisine.server";
import { groupRecipients, notify, userEmails } from "./notify.server";
import type { PostMessageInput } from "./saisines.schema";
import { canPost } from "./status";

/**
 * Posts one typed message. The agent side (agents of the saisine's structure) asks, answers and
 * closes; the referent side (members of the group it is addressed to now) takes it, answers, asks
 * for more, proposes a resolution, or re-routes it to another group of the département. A message
 * after a closure reopens the saisine. The other side is notified by a link.
 */
export async function postMessage(
  actor: Actor,
  saisineId: string,
  input: PostMessageInput,
  context: RequestContext = {},
  now: Date = new Date(),
): Promise<void> {
  const outcome = await db().transaction(async (tx) => {
    const { row, state, side } = await findSaisine(actor, saisineId, tx);
    if (row.destroyedAt) throw new AppError("saisine.destroyed", 409);
    if (!side || !canPost(side, input.type)) throw new AppError("saisine.message_not_allowed", 403, "type");
    if (input.type === "cloture" && state.status === "close")
      throw new AppError("saisine.message_not_allowed", 409, "type");
    let targetGroupId: string | null = null;
    if (input.type === "mauvais_interlocuteur") {
      if (!input.targetGroupId) throw new AppError("saisine.reroute_target_invalid", 400, "targetGroupId");
      const [target] = await tx
        .select({ id: referentGroups.id })
        .from(referentGroups)
        .where(and(eq(referentGroups.id, input.targetGroupId), eq(referentGroups.departement, row.departement)));
      if (!target || target.id === state.groupId)
        throw new AppError("saisine.reroute_target_invalid", 400, "targetGroupId");
      targetGroupId = target.id;
    }
    await tx.insert(saisineMessages).values({
      saisineId: row.id,
      authorId: actor.userId || null,
      side,
      type: input.type,
      body: input.body ?? null,
      targetGroupId,
      usefulness: input.type === "cloture" ? (input.usefulness ?? null) : null,
      at: now,
    });
    await tx.update(saisines).set({ lastMessageAt: now, inactivityWarnedAt: null }).where(eq(saisines.id, row.id));
    const action =
      input.type === "mauvais_interlocuteur"
        ? "saisine.rerouted"
        : input.type === "cloture"
          ? "saisine.closed"
          : "saisine.message_posted";
    await recordAudit(
      {
        action,
        ...auditActor(actor),
        structureId: row.structureId,
        targetType: "saisine",
        targetId: row.id,
        ip: context.ip ?? null,
        userAgent: context.userAgent ?? null,
      },
      tx,
    );
    return { row, side, groupId: targetGroupId ?? state.groupId };
  });
  if (input.type === "mauvais_interlocuteur") {
    await notify(await groupRecipients(outcome.groupId), saisineId, "une saisine a été transmise à votre groupe");
  } else if (outcome.side === "agent") {
    await notify(
      await groupRecipients(outcome.groupId),
      saisineId,
      input.type === "cloture"
        ? "une saisine de votre groupe a été close"
        : "un nouveau message est arrivé sur une saisine de votre groupe",
    );
  } else if (outcome.row.authorId) {
    await notify(await userEmails([outcome.row.authorId]), saisineId, "le partenaire a répondu à votre saisine");
  }
}
