import { and, asc, eq, inArray, isNotNull, isNull, lte, notInArray, or } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { demarches, usagers, users } from "../db/schema";
import { auditPersonalData, type RequestContext, usagerDataScope } from "../donnees-personnelles/access.server";
import { CLOSED_STATUTS, type DemarcheStatut } from "../donnees-personnelles/demarches.labels";
import { parisDay } from "../platform/time";
import { partenaireLabel } from "../referentiel/partenaires";

export type DemarcheListItem = {
  id: string;
  titre: string;
  usagerId: string;
  usagerNom: string;
  statut: DemarcheStatut;
  partenaire: string | null;
  prochaineEtape: string | null;
  prochaineEtapeLe: string | null;
  agentNom: string;
  inactive: boolean;
};

export type DemarcheLists = { aFaire: DemarcheListItem[]; enCours: DemarcheListItem[] };

/**
 * The agent's "à faire" list: their open démarches whose next-step date has come (or that the
 * retention job flagged as inactive), and the open démarches of the structure they work in now.
 * The list shows names: its display is journaled.
 */
export async function listDemarches(
  actor: Actor,
  context: RequestContext = {},
  now: Date = new Date(),
): Promise<DemarcheLists> {
  const structureId = actor.currentStructureId;
  if (!structureId) return { aFaire: [], enCours: [] };
  const today = parisDay(now);
  const rows = await db()
    .select({
      demarche: demarches,
      usagerNom: usagers.nom,
      usagerPrenom: usagers.prenom,
      agentPrenom: users.prenom,
      agentNom: users.nom,
    })
    .from(demarches)
    .innerJoin(usagers, eq(usagers.id, demarches.usagerId))
    .innerJoin(users, eq(users.id, demarches.agentId))
    .where(
      and(
        isNull(demarches.destroyedAt),
        notInArray(demarches.statut, [...CLOSED_STATUTS]),
        usagerDataScope(actor, demarches.structureId),
        or(
          eq(demarches.structureId, structureId),
          and(inArray(demarches.structureId, actor.structureIds), eq(demarches.agentId, actor.userId)),
        ),
      ),
    )
    .orderBy(asc(demarches.prochaineEtapeLe), asc(demarches.createdAt))
    .limit(500);
  const items = rows.map(({ demarche, ...row }) => ({
    id: demarche.id,
    titre: demarche.titre ?? "",
    usagerId: demarche.usagerId ?? "",
    usagerNom: `${row.usagerPrenom} ${row.usagerNom}`,
    statut: demarche.statut as DemarcheStatut,
    partenaire: demarche.partnerKey ? partenaireLabel(demarche.partnerKey) : null,
    prochaineEtape: demarche.prochaineEtape,
    prochaineEtapeLe: demarche.prochaineEtapeLe,
    agentNom: `${row.agentPrenom} ${row.agentNom}`,
    inactive: demarche.inactivityFlaggedAt !== null,
    agentId: demarche.agentId,
    structureId: demarche.structureId,
  }));
  const aFaire = items.filter(
    (item) =>
      item.agentId === actor.userId &&
      ((item.prochaineEtapeLe !== null && item.prochaineEtapeLe <= today) || item.inactive),
  );
  const enCours = items.filter((item) => item.structureId === structureId);
  await auditPersonalData(actor, "demarche.listed", { type: "demarche", id: null, structureId }, context);
  const strip = ({ agentId: _a, structureId: _s, ...item }: (typeof items)[number]): DemarcheListItem => item;
  return { aFaire: aFaire.map(strip), enCours: enCours.map(strip) };
}

/** Agents with due démarches today, and the ids of those démarches (for the daily digest: links only). */
export async function dueDemarchesByAgent(q = db(), now: Date = new Date()): Promise<Map<string, string[]>> {
  const rows = await q
    .select({ id: demarches.id, agentId: demarches.agentId })
    .from(demarches)
    .where(
      and(
        isNull(demarches.destroyedAt),
        notInArray(demarches.statut, [...CLOSED_STATUTS]),
        or(
          and(isNotNull(demarches.prochaineEtapeLe), lte(demarches.prochaineEtapeLe, parisDay(now))),
          isNotNull(demarches.inactivityFlaggedAt),
        ),
      ),
    )
    .orderBy(asc(demarches.prochaineEtapeLe));
  const byAgent = new Map<string, string[]>();
  for (const row of rows) byAgent.set(row.agentId, [...(byAgent.get(row.agentId) ?? []), row.id]);
  return byAgent;
}
