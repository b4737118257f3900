import { and, asc, desc, eq, gte, inArray, isNull, notInArray } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { activeAssignmentFilter } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { partnerName } from "../accueil/local-partners.server";
import { db, type Queryable } from "../db/client.server";
import {
  demarcheActions,
  demarchePassages,
  demarchePieces,
  demarches,
  mandatDemarches,
  mandats,
  passages,
  roleAssignments,
  sollicitations,
  structures,
  usagers,
  users,
} from "../db/schema";
import {
  auditPersonalData,
  forbiddenIfExists,
  type RequestContext,
  usagerDataScope,
} from "../donnees-personnelles/access.server";
import {
  type ActionNature,
  type DemarcheStatut,
  isClosedStatut,
  type PieceEtat,
} from "../donnees-personnelles/demarches.labels";
import type { MandatStatut } from "../donnees-personnelles/mandats.labels";
import { mandatStatus } from "../donnees-personnelles/mandats.rules";
import { AppError } from "../platform/app-error";
import { parisDay } from "../platform/time";
import { isUuid } from "../platform/validation";
import { type MaskedIdentifiant, maskedIdentifiants } from "../usagers/get-usager.server";

export type DemarcheRow = typeof demarches.$inferSelect;

/** A live démarche of the actor's structures; destroyed, other structure, unknown or malformed: "not found". */
export async function findDemarche(
  actor: Actor,
  id: string,
  q: Queryable = db(),
): Promise<DemarcheRow & { usagerId: string; titre: string }> {
  if (!isUuid(id)) throw new AppError("demarche.not_found", 404);
  const [row] = await q
    .select()
    .from(demarches)
    .where(and(eq(demarches.id, id), isNull(demarches.destroyedAt), usagerDataScope(actor, demarches.structureId)));
  if (!row) await forbiddenIfExists(actor, demarches, id, q);
  if (!row?.usagerId || !row.titre) throw new AppError("demarche.not_found", 404);
  return row as DemarcheRow & { usagerId: string; titre: string };
}

export type Piece = { id: string; position: number; libelle: string; etat: PieceEtat };

export async function piecesOf(demarcheId: string, q: Queryable = db()): Promise<Piece[]> {
  const rows = await q
    .select()
    .from(demarchePieces)
    .where(eq(demarchePieces.demarcheId, demarcheId))
    .orderBy(asc(demarchePieces.position));
  return rows.map((row) => ({ id: row.id, position: row.position, libelle: row.libelle, etat: row.etat as PieceEtat }));
}

/** Agents and responsables in office in a structure (for "agent in charge"). */
export async function structureAgents(
  structureId: string,
  q: Queryable = db(),
): Promise<Array<{ id: string; nom: string }>> {
  const rows = await q
    .selectDistinct({ id: users.id, prenom: users.prenom, nom: users.nom })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.structureId, structureId),
        inArray(roleAssignments.role, ["agent", "responsable"]),
        activeAssignmentFilter(),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(users.nom), asc(users.prenom));
  return rows.map((row) => ({ id: row.id, nom: `${row.prenom} ${row.nom}` }));
}

export type LinkedPassage = { id: string; startedAt: string; canal: string; demandes: number };

async function passageSummaries(ids: string[], q: Queryable): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await q
    .select({ passageId: sollicitations.passageId })
    .from(sollicitations)
    .where(inArray(sollicitations.passageId, ids));
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.passageId, (counts.get(row.passageId) ?? 0) + 1);
  return counts;
}

/** Passages of the démarche's structure (anonymous records) in the last 60 days, not linked yet: what the agent may link. */
export async function linkablePassages(
  actor: Actor,
  demarche: { id: string; structureId: string },
  q: Queryable = db(),
): Promise<LinkedPassage[]> {
  const since = new Date(Date.now() - 60 * 86_400_000);
  const linked = q
    .select({ id: demarchePassages.passageId })
    .from(demarchePassages)
    .where(eq(demarchePassages.demarcheId, demarche.id));
  const rows = await q
    .select({ id: passages.id, startedAt: passages.startedAt, canal: passages.canal })
    .from(passages)
    .where(
      and(
        eq(passages.structureId, demarche.structureId),
        structureScope(actor, { structureId: passages.structureId }),
        isNull(passages.deletedAt),
        gte(passages.startedAt, since),
        notInArray(passages.id, linked),
      ),
    )
    .orderBy(desc(passages.startedAt))
    .limit(20);
  const counts = await passageSummaries(
    rows.map((row) => row.id),
    q,
  );
  return rows.map((row) => ({
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    canal: row.canal,
    demandes: counts.get(row.id) ?? 0,
  }));
}

export async function linkedPassages(demarcheId: string, q: Queryable = db()): Promise<LinkedPassage[]> {
  const rows = await q
    .select({ id: passages.id, startedAt: passages.startedAt, canal: passages.canal })
    .from(demarchePassages)
    .innerJoin(passages, eq(passages.id, demarchePassages.passageId))
    .where(and(eq(demarchePassages.demarcheId, demarcheId), isNull(passages.deletedAt)))
    .orderBy(asc(passages.startedAt));
  const counts = await passageSummaries(
    rows.map((row) => row.id),
    q,
  );
  return rows.map((row) => ({
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    canal: row.canal,
    demandes: counts.get(row.id) ?? 0,
  }));
}

export type CoveringMandat = {
  id: string;
  statut: MandatStatut;
  expiresOn: string;
  authorisationRevoked: boolean;
  /** Signed: a mandate that ended can then be renewed once this démarche has reopened. */
  signed: boolean;
};

export async function coveringMandats(demarcheId: string, q: Queryable = db()): Promise<CoveringMandat[]> {
  const rows = await q
    .select({ mandat: mandats, revokedAt: mandatDemarches.revokedAt })
    .from(mandatDemarches)
    .innerJoin(mandats, eq(mandats.id, mandatDemarches.mandatId))
    .where(and(eq(mandatDemarches.demarcheId, demarcheId), isNull(mandats.destroyedAt)))
    .orderBy(desc(mandats.createdAt));
  const today = parisDay();
  return rows.map((row) => ({
    id: row.mandat.id,
    statut: mandatStatus(row.mandat, today),
    expiresOn: row.mandat.expiresOn,
    authorisationRevoked: row.revokedAt !== null,
    signed: row.mandat.signedOn !== null,
  }));
}

export type DemarcheDetail = {
  id: string;
  structureId: string;
  structureNom: string;
  usager: { id: string; nom: string; prenom: string };
  titre: string;
  partenaire: string | null;
  partenaireValue: string;
  situationKey: string | null;
  statut: DemarcheStatut;
  closed: boolean;
  pourLeCompte: boolean;
  prochaineEtape: string | null;
  prochaineEtapeLe: string | null;
  agentId: string;
  agentNom: string;
  notes: string | null;
  remarquesTransmission: string | null;
  completAt: string | null;
  rendezVous: {
    at: string;
    lieu: string | null;
    interlocuteur: string | null;
    contact: string | null;
    remarques: string | null;
  } | null;
  createdAt: string;
  lastActivityAt: string;
  inactivityFlaggedAt: string | null;
  pieces: Piece[];
  passages: LinkedPassage[];
  linkable: LinkedPassage[];
  actions: Array<{ id: string; nature: ActionNature; at: string; agentNom: string }>;
  identifiants: MaskedIdentifiant[];
  mandats: CoveringMandat[];
  agents: Array<{ id: string; nom: string }>;
};

/** The démarche page: everything the agent follows it with. The view is journaled (ids only). */
export async function getDemarche(actor: Actor, id: string, context: RequestContext = {}): Promise<DemarcheDetail> {
  const row = await findDemarche(actor, id);
  const [usager] = await db()
    .select({ id: usagers.id, nom: usagers.nom, prenom: usagers.prenom })
    .from(usagers)
    .where(eq(usagers.id, row.usagerId));
  const [structure] = await db()
    .select({ nom: structures.nom })
    .from(structures)
    .where(eq(structures.id, row.structureId));
  const [agent] = await db()
    .select({ prenom: users.prenom, nom: users.nom })
    .from(users)
    .where(eq(users.id, row.agentId));
  const actionRows = await db()
    .select({
      id: demarcheActions.id,
      nature: demarcheActions.nature,
      at: demarcheActions.at,
      prenom: users.prenom,
      nom: users.nom,
    })
    .from(demarcheActions)
    .innerJoin(users, eq(users.id, demarcheActions.agentId))
    .where(eq(demarcheActions.demarcheId, row.id))
    .orderBy(asc(demarcheActions.at));
  const detail: DemarcheDetail = {
    id: row.id,
    structureId: row.structureId,
    structureNom: structure.nom,
    usager,
    titre: row.titre,
    partenaire: await partnerName(row),
    partenaireValue: row.partnerKey ?? (row.partenaireLocalId ? `local:${row.partenaireLocalId}` : ""),
    situationKey: row.situationKey,
    statut: row.statut as DemarcheStatut,
    closed: isClosedStatut(row.statut),
    pourLeCompte: row.pourLeCompte,
    prochaineEtape: row.prochaineEtape,
    prochaineEtapeLe: row.prochaineEtapeLe,
    agentId: row.agentId,
    agentNom: `${agent.prenom} ${agent.nom}`,
    notes: row.notes,
    remarquesTransmission: row.remarquesTransmission,
    completAt: row.completAt?.toISOString() ?? null,
    rendezVous: row.rdvAt
      ? {
          at: row.rdvAt.toISOString(),
          lieu: row.rdvLieu,
          interlocuteur: row.rdvInterlocuteur,
          contact: row.rdvContact,
          remarques: row.rdvRemarques,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
    inactivityFlaggedAt: row.inactivityFlaggedAt?.toISOString() ?? null,
    pieces: await piecesOf(row.id),
    passages: await linkedPassages(row.id),
    linkable: await linkablePassages(actor, row),
    actions: actionRows.map((action) => ({
      id: action.id,
      nature: action.nature as ActionNature,
      at: action.at.toISOString(),
      agentNom: `${action.prenom} ${action.nom}`,
    })),
    identifiants: (await maskedIdentifiants(row.usagerId)).filter((identifiant) => identifiant.demarcheId === row.id),
    mandats: await coveringMandats(row.id),
    agents: await structureAgents(row.structureId),
  };
  await auditPersonalData(
    actor,
    "demarche.viewed",
    { type: "demarche", id: row.id, structureId: row.structureId },
    context,
  );
  return detail;
}
