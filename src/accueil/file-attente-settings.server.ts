import { and, eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { auditActor } from "../acces/operator";
import { structureScope } from "../acces/tenant-scope.server";
import { recordAudit } from "../audit/journal.server";
import { db, type Queryable } from "../db/client.server";
import { structures } from "../db/schema";
import { AppError } from "../platform/app-error";
import { recordingStructure } from "./record-passage.server";

export type FileAttenteStructure = { id: string; nom: string; active: boolean; canConfigure: boolean };

const scopeOf = (actor: Actor) =>
  structureScope(actor, { structureId: structures.id, departement: structures.departement });

/** The waiting-list state of a structure the actor works in (their current one by default). */
export async function fileAttenteStructure(
  actor: Actor,
  structureId?: string,
  q: Queryable = db(),
): Promise<FileAttenteStructure> {
  const id = structureId ?? recordingStructure(actor);
  if (!actor.structureIds.includes(id)) throw new AppError("structure.not_found", 404);
  const [row] = await q
    .select({ id: structures.id, nom: structures.nom, active: structures.fileAttenteActive })
    .from(structures)
    .where(and(eq(structures.id, id), scopeOf(actor)));
  if (!row) throw new AppError("structure.not_found", 404);
  return { ...row, canConfigure: actor.responsableStructureIds.includes(row.id) };
}

/** For the use cases that need the list on: the structure, or "file_attente.inactive". */
export async function requireActiveFileAttente(actor: Actor, q: Queryable = db()): Promise<FileAttenteStructure> {
  const structure = await fileAttenteStructure(actor, undefined, q);
  if (!structure.active) throw new AppError("file_attente.inactive", 409);
  return structure;
}

/** The responsable turns the waiting list of their structure on or off; journaled with the change. */
export async function configureFileAttente(
  actor: Actor,
  input: { structureId?: string; active: boolean },
  context: { ip?: string | null; userAgent?: string | null } = {},
): Promise<FileAttenteStructure> {
  const structure = await fileAttenteStructure(actor, input.structureId);
  if (!structure.canConfigure) throw new AppError("file_attente.configure_forbidden", 403);
  await db().transaction(async (tx) => {
    await tx
      .update(structures)
      .set({ fileAttenteActive: input.active, updatedAt: new Date() })
      .where(and(eq(structures.id, structure.id), scopeOf(actor)));
    await recordAudit(
      {
        action: "file_attente.configured",
        ...auditActor(actor),
        structureId: structure.id,
        targetType: "structure",
        targetId: structure.id,
        ip: context.ip,
        userAgent: context.userAgent,
      },
      tx,
    );
  });
  return { ...structure, active: input.active };
}
