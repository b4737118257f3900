import { and, asc, eq, gte, inArray, isNull, lt } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db } from "../db/client.server";
import {
  partenairesLocaux,
  passages,
  sollicitationPartenaires,
  sollicitationSituations,
  sollicitations,
  users,
} from "../db/schema";
import { parisClock, parisDay, parisInstant, shiftDay } from "../platform/time";
import { situationLabel } from "../referentiel/bouquet";
import { partenaireLabel } from "../referentiel/partenaires";
import { CANAUX, type Canal } from "./accueil.labels";
import { fileAttenteStructure } from "./file-attente-settings.server";

export type DayViewSollicitation = { partenaires: string[]; situations: string[] };
export type DayViewPassage = {
  id: string;
  heure: string;
  canal: Canal;
  agentId: string;
  agentNom: string;
  avecRdv: boolean;
  dureeMinutes: number | null;
  attenteSecondes: number | null;
  sollicitations: DayViewSollicitation[];
};
export type DayTotal = { passages: number; sollicitations: number };
export type DayView = {
  structure: { id: string; nom: string };
  jour: string;
  /** "structure": every record of the structure (responsable); "agent": the actor's own records. */
  perimetre: "structure" | "agent";
  passages: DayViewPassage[];
  totaux: DayTotal & { attenteMoyenneSecondes: number | null; attentesMesurees: number };
  parAgent: Array<DayTotal & { agentId: string; nom: string }>;
  parCanal: Array<DayTotal & { canal: Canal }>;
};

const HORS_PARTENAIRES_LABEL = "Hors partenaires";

/**
 * The passages of one Paris day in the actor's current structure (deleted ones excluded), with
 * their demands, and the day's totals per agent and per channel. An agent sees their own records
 * only; the responsable of the structure sees all of them.
 */
export async function dayView(actor: Actor, input: { jour?: string; structureId?: string } = {}): Promise<DayView> {
  const structure = await fileAttenteStructure(actor, input.structureId);
  const jour = input.jour ?? parisDay();
  const perimetre = actor.responsableStructureIds.includes(structure.id) ? "structure" : "agent";
  const rows = await db()
    .select({
      id: passages.id,
      startedAt: passages.startedAt,
      canal: passages.canal,
      agentId: passages.agentId,
      agentPrenom: users.prenom,
      agentNom: users.nom,
      avecRdv: passages.avecRdv,
      dureeMinutes: passages.dureeMinutes,
      attenteSecondes: passages.attenteSecondes,
    })
    .from(passages)
    .innerJoin(users, eq(users.id, passages.agentId))
    .where(
      and(
        eq(passages.structureId, structure.id),
        structureScope(actor, { structureId: passages.structureId }),
        isNull(passages.deletedAt),
        gte(passages.startedAt, parisInstant(jour)),
        lt(passages.startedAt, parisInstant(shiftDay(jour, 1))),
        perimetre === "agent" ? eq(passages.agentId, actor.userId) : undefined,
      ),
    )
    .orderBy(asc(passages.startedAt), asc(passages.createdAt));
  const demands = await loadDemands(rows.map((row) => row.id));

  const list: DayViewPassage[] = rows.map((row) => ({
    id: row.id,
    heure: parisClock(row.startedAt),
    canal: row.canal as Canal,
    agentId: row.agentId,
    agentNom: `${row.agentPrenom} ${row.agentNom}`,
    avecRdv: row.avecRdv,
    dureeMinutes: row.dureeMinutes,
    attenteSecondes: row.attenteSecondes,
    sollicitations: demands.get(row.id) ?? [],
  }));
  return { structure: { id: structure.id, nom: structure.nom }, jour, perimetre, passages: list, ...dayTotals(list) };
}

/** The day's demands with their partners and situations: three independent reads, issued together. */
async function loadDemands(passageIds: string[]): Promise<Map<string, DayViewSollicitation[]>> {
  const byPassage = new Map<string, DayViewSollicitation[]>();
  if (passageIds.length === 0) return byPassage;
  const ofTheDay = inArray(sollicitations.passageId, passageIds);
  const [demandRows, partnerRows, situationRows] = await Promise.all([
    db()
      .select({
        id: sollicitations.id,
        passageId: sollicitations.passageId,
        horsPartenaires: sollicitations.horsPartenaires,
      })
      .from(sollicitations)
      .where(ofTheDay)
      .orderBy(asc(sollicitations.passageId), asc(sollicitations.position)),
    db()
      .select({
        sollicitationId: sollicitationPartenaires.sollicitationId,
        partnerKey: sollicitationPartenaires.partnerKey,
        localNom: partenairesLocaux.nom,
      })
      .from(sollicitationPartenaires)
      .innerJoin(sollicitations, eq(sollicitations.id, sollicitationPartenaires.sollicitationId))
      .leftJoin(partenairesLocaux, eq(partenairesLocaux.id, sollicitationPartenaires.partenaireLocalId))
      .where(ofTheDay),
    db()
      .select({
        sollicitationId: sollicitationSituations.sollicitationId,
        situationKey: sollicitationSituations.situationKey,
      })
      .from(sollicitationSituations)
      .innerJoin(sollicitations, eq(sollicitations.id, sollicitationSituations.sollicitationId))
      .where(ofTheDay),
  ]);

  const partnersOf = group(
    partnerRows,
    (row) => row.sollicitationId,
    (row) => (row.partnerKey ? partenaireLabel(row.partnerKey) : (row.localNom ?? "")),
  );
  const situationsOf = group(
    situationRows,
    (row) => row.sollicitationId,
    (row) => situationLabel(row.situationKey),
  );
  for (const demand of demandRows) {
    const entry: DayViewSollicitation = {
      partenaires: demand.horsPartenaires
        ? [HORS_PARTENAIRES_LABEL]
        : (partnersOf.get(demand.id) ?? []).sort((a, b) => a.localeCompare(b, "fr")),
      situations: (situationsOf.get(demand.id) ?? []).sort((a, b) => a.localeCompare(b, "fr")),
    };
    byPassage.set(demand.passageId, [...(byPassage.get(demand.passageId) ?? []), entry]);
  }
  return byPassage;
}

function group<T>(rows: T[], key: (row: T) => string, value: (row: T) => string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), value(row)]);
  return map;
}

/** The day's totals, computed from the listed passages (the same records as the table). */
export function dayTotals(list: DayViewPassage[]): Pick<DayView, "totaux" | "parAgent" | "parCanal"> {
  const waits = list.map((passage) => passage.attenteSecondes).filter((value): value is number => value !== null);
  const parAgent = new Map<string, DayTotal & { agentId: string; nom: string }>();
  const parCanal = new Map<Canal, DayTotal & { canal: Canal }>();
  for (const passage of list) {
    const demands = passage.sollicitations.length;
    const agent = parAgent.get(passage.agentId) ?? {
      agentId: passage.agentId,
      nom: passage.agentNom,
      passages: 0,
      sollicitations: 0,
    };
    agent.passages += 1;
    agent.sollicitations += demands;
    parAgent.set(passage.agentId, agent);
    const canal = parCanal.get(passage.canal) ?? { canal: passage.canal, passages: 0, sollicitations: 0 };
    canal.passages += 1;
    canal.sollicitations += demands;
    parCanal.set(passage.canal, canal);
  }
  const canalOrder = Object.keys(CANAUX);
  return {
    totaux: {
      passages: list.length,
      sollicitations: list.reduce((sum, passage) => sum + passage.sollicitations.length, 0),
      attenteMoyenneSecondes: waits.length
        ? Math.round(waits.reduce((sum, value) => sum + value, 0) / waits.length)
        : null,
      attentesMesurees: waits.length,
    },
    parAgent: [...parAgent.values()].sort((a, b) => a.nom.localeCompare(b.nom, "fr")),
    parCanal: [...parCanal.values()].sort((a, b) => canalOrder.indexOf(a.canal) - canalOrder.indexOf(b.canal)),
  };
}
