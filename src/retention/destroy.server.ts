import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "../db/client.server";
import {
  demarchePassages,
  demarchePieces,
  demarches,
  mandatDemarches,
  mandats,
  saisineIdentifications,
  saisineMessages,
  saisines,
  usagerIdentifiants,
  usagers,
} from "../db/schema";
import { syncMandatEnds } from "../mandats/sync-mandat-end.server";

/**
 * "Destroyed" (convention art. 4.6, "mandat type"): deleted, or irreversibly pseudonymised so that
 * the statistics stay. Shared by the retention job and the usager's right to erasure; always in
 * the caller's transaction.
 */

/**
 * A démarche keeps its structure, partner, situation, status, "for the usager's account" flag and
 * dates (statistics). Its usager link, texts, checklist, linked passages, appointment and partner
 * identifiers go, and so do its saisines' personal data (docs/rgpd.md: the procedure is resolved,
 * nothing justifies keeping the questions put to the partner about it). An open démarche is closed
 * as abandonnée.
 */
export async function destroyDemarches(q: Queryable, ids: string[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  await q.delete(usagerIdentifiants).where(inArray(usagerIdentifiants.demarcheId, ids));
  await q.delete(demarchePieces).where(inArray(demarchePieces.demarcheId, ids));
  await q.delete(demarchePassages).where(inArray(demarchePassages.demarcheId, ids));
  const rows = await q
    .select({ id: demarches.id, statut: demarches.statut, closedAt: demarches.closedAt })
    .from(demarches)
    .where(inArray(demarches.id, ids));
  for (const row of rows) {
    await q
      .update(demarches)
      .set({
        usagerId: null,
        titre: null,
        notes: null,
        prochaineEtape: null,
        prochaineEtapeLe: null,
        remarquesTransmission: null,
        rdvAt: null,
        rdvLieu: null,
        rdvInterlocuteur: null,
        rdvContact: null,
        rdvRemarques: null,
        statut: row.closedAt ? row.statut : "abandonnee",
        closedAt: row.closedAt ?? now,
        destroyedAt: now,
      })
      .where(eq(demarches.id, row.id));
  }
  const linked = await q
    .select({ id: saisines.id })
    .from(saisines)
    .where(and(inArray(saisines.demarcheId, ids), isNull(saisines.destroyedAt)));
  await destroySaisines(
    q,
    linked.map((row) => row.id),
    now,
  );
  await syncMandatEnds(q, { demarcheIds: ids }, now);
  return rows.length;
}

/**
 * Destroys saisines' personal data: subject, description, message texts, identifiers, the usager and
 * mandate links. What stays (partner, group, structure, message types and times, usefulness) feeds
 * the statistics and names nobody. A saisine still open is closed first by the system (a closure
 * message), so that its thread says why it stopped.
 */
export async function destroySaisines(q: Queryable, ids: string[], now: Date): Promise<number> {
  let destroyed = 0;
  for (const saisineId of ids) {
    // A saisine is closed exactly when the last message of its thread is a closure (src/saisines/status.ts).
    const [last] = await q
      .select({ type: saisineMessages.type })
      .from(saisineMessages)
      .where(eq(saisineMessages.saisineId, saisineId))
      .orderBy(desc(saisineMessages.seq))
      .limit(1);
    if (last?.type !== "cloture")
      await q.insert(saisineMessages).values({ saisineId, side: "systeme", type: "cloture", at: now });
    await q.delete(saisineIdentifications).where(eq(saisineIdentifications.saisineId, saisineId));
    await q.update(saisineMessages).set({ body: null }).where(eq(saisineMessages.saisineId, saisineId));
    await q
      .update(saisines)
      .set({ objet: null, description: null, usagerId: null, mandatId: null, destroyedAt: now })
      .where(eq(saisines.id, saisineId));
    destroyed += 1;
  }
  return destroyed;
}

/** The file itself is deleted (its identifiers with it); mandates keep their own proof copy. */
export async function destroyUsagers(q: Queryable, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const deleted = await q.delete(usagers).where(inArray(usagers.id, ids)).returning({ id: usagers.id });
  return deleted.length;
}

/** After its proof period a mandate keeps dates, structure and verification code only. */
export async function destroyMandats(q: Queryable, ids: string[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  await q
    .update(mandatDemarches)
    .set({ libelle: null, revocationReason: null })
    .where(inArray(mandatDemarches.mandatId, ids));
  const updated = await q
    .update(mandats)
    .set({
      usagerId: null,
      mandantNom: null,
      mandantPrenom: null,
      mandantCommune: null,
      revocationReason: null,
      destroyedAt: now,
    })
    .where(inArray(mandats.id, ids))
    .returning({ id: mandats.id });
  return updated.length;
}
