import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { structureScope } from "../acces/tenant-scope.server";
import type { AuditAction } from "../audit/actions";
import { recordAudit } from "../audit/journal.server";
import type { RequestContext } from "../audit/request-context";
import { db, type Queryable } from "../db/client.server";
import { allOf } from "../db/conditions";
import type { demarches, mandats, usagers } from "../db/schema";
import { AppError } from "../platform/app-error";

export type { RequestContext };

/**
 * Personal data of usagers is seen only by the agents and responsables of its structure: the
 * tenant scope (`structureScope`), narrowed to the structures the actor works in, so that a
 * coordinateur, national or admin role never widens it (they never see usagers' data).
 */
export function usagerDataScope(actor: Actor, column: AnyPgColumn): SQL {
  if (actor.structureIds.length === 0) return sql`false`;
  return allOf(structureScope(actor, { structureId: column }), inArray(column, actor.structureIds));
}

/**
 * After a scoped lookup found nothing: a record that exists in a structure the actor does not work
 * in answers 403
 * (issue 5: "an agent of another structure gets 403"), an unknown one "not found".
 */
export async function forbiddenIfExists(
  actor: Actor,
  table: typeof usagers | typeof demarches | typeof mandats,
  id: string,
  q: Queryable = db(),
): Promise<void> {
  const rows = await q
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), sql`not (${usagerDataScope(actor, table.structureId)})`))
    .limit(1);
  if (rows.length > 0) throw new AppError("auth.forbidden", 403);
}

/** One journal entry about personal data: ids only, never a name or a value. */
export async function auditPersonalData(
  actor: Actor,
  action: AuditAction,
  target: {
    type: "usager" | "demarche" | "mandat" | "usager_identifiant";
    id: string | null;
    structureId: string | null;
  },
  context: RequestContext = {},
  q: Queryable = db(),
): Promise<void> {
  await recordAudit(
    {
      action,
      ...auditActor(actor),
      structureId: target.structureId,
      targetType: target.type,
      targetId: target.id,
      ip: context.ip ?? null,
      userAgent: context.userAgent ?? null,
    },
    q,
  );
}

export { orErrorPage } from "../acces/guards.server";
