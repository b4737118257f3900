import { sql } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { structureScope } from "../acces/tenant-scope.server";
import { db, type Queryable, queryRows } from "../db/client.server";
import {
  passages,
  refSituationPartenaires,
  sollicitationAides,
  sollicitationPartenaires,
  sollicitationSituations,
  sollicitations,
} from "../db/schema";
import { isTypeAide, type TypeAide } from "../referentiel/aides";
import { situationLabel, situationPartnersOf } from "../referentiel/bouquet";
import { isPartenaireNational, partenaireLabel } from "../referentiel/partenaires";

/** A one-click choice of the accueil: a partner, one of its situations and the usual kind of help. */
export type QuickPick = {
  partenaire: string;
  situation: string;
  aide: TypeAide;
  /** "France Titres – J’établis mes papiers d’identité". */
  label: string;
  /** Learnt from the structure's own records, or a national default. */
  source: "structure" | "national";
  /** The value of the `raccourci` query parameter that pre-fills the form without JavaScript. */
  param: string;
};

export const QUICK_PICK_COUNT = 8;
export const QUICK_PICK_WINDOW_DAYS = 90;

/** The national defaults, by share of demands in the network (DOMAIN.md §1), completing a young structure's list. */
export const NATIONAL_QUICK_PICKS: ReadonlyArray<Pick<QuickPick, "partenaire" | "situation" | "aide">> = [
  { partenaire: "france_titres", situation: "papiers_identite", aide: "demarche_en_ligne" },
  { partenaire: "caf", situation: "allocation_logement", aide: "demarche_en_ligne" },
  { partenaire: "assurance_maladie", situation: "rembourser_soins", aide: "information" },
  { partenaire: "dgfip", situation: "declarer_impots", aide: "demarche_en_ligne" },
  { partenaire: "assurance_retraite", situation: "preparer_retraite", aide: "dossier_administratif" },
  { partenaire: "france_travail", situation: "chercher_emploi", aide: "demarche_en_ligne" },
  { partenaire: "msa", situation: "affilie_msa", aide: "information" },
  { partenaire: "la_poste", situation: "service_postal", aide: "information" },
];

export function quickPickLabel(partenaire: string, situation: string): string {
  return `${partenaireLabel(partenaire)} – ${situationLabel(situation)}`;
}

/** Counts of one (partner, situation) pair: its sollicitations, and how many got each kind of help. */
type PairCounts = { partenaire: string; situation: string; n: number; aides: Map<string, number> };
type CacheEntry = { loadedAt: number; since: number; pairs: Map<string, PairCounts> };

/**
 * How long a structure's counts serve before they are read again (ADR 023): the 90-day window
 * slides, and another app node's recordings reach this node's counts at the latest then.
 */
export const QUICK_PICK_CACHE_MS = 5 * 60_000;
const cache = new Map<string, CacheEntry>();
/** Bumped by every change a load could miss: a load that started before it is used, not kept. */
const generations = new Map<string, number>();
const bump = (structureId: string) => generations.set(structureId, (generations.get(structureId) ?? 0) + 1);
const pairKey = (partenaire: string, situation: string) => `${partenaire}|${situation}`;

/**
 * The structure's most frequent (partner, situation) pairs over the last 90 days, with the kind of
 * help most often given for each, completed with the national defaults. Only pairs the bouquet
 * ties together count (a sollicitation "CAF + DGFiP / allocation logement" counts for CAF only).
 * Deleted passages do not count. The counts of a structure are read once (one aggregate query),
 * kept in memory and updated by each recording on this node (noteRecordedDemands); a correction
 * or a deletion drops them (forgetQuickPicks). An actor outside the structure, or a given `now`,
 * reads the database directly.
 */
export async function quickPicks(
  actor: Actor,
  structureId: string,
  options: { now?: Date } = {},
  q: Queryable = db(),
): Promise<QuickPick[]> {
  const cacheable = options.now === undefined && actor.structureIds.includes(structureId);
  const now = (options.now ?? new Date()).getTime();
  let entry = cacheable ? cache.get(structureId) : undefined;
  if (!entry || now - entry.loadedAt >= QUICK_PICK_CACHE_MS) {
    const since = now - QUICK_PICK_WINDOW_DAYS * 86_400_000;
    const generation = generations.get(structureId) ?? 0;
    entry = { loadedAt: now, since, pairs: await loadPairCounts(actor, structureId, new Date(since), q) };
    if (cacheable && generation === (generations.get(structureId) ?? 0)) cache.set(structureId, entry);
  }
  return ranked(entry.pairs);
}

/** Every bouquet pair of the window with its sollicitations, and per kind of help (one query). */
async function loadPairCounts(
  actor: Actor,
  structureId: string,
  since: Date,
  q: Queryable,
): Promise<Map<string, PairCounts>> {
  const rows = await queryRows<{ partenaire: string; situation: string; aide: string | null; n: number }>(
    q,
    sql`
      select ${sollicitationPartenaires.partnerKey} as partenaire, ${sollicitationSituations.situationKey} as situation,
        ${sollicitationAides.aideKey} as aide, count(distinct ${sollicitations.id})::int as n
      from ${passages}
      join ${sollicitations} on ${sollicitations.passageId} = ${passages.id}
      join ${sollicitationPartenaires} on ${sollicitationPartenaires.sollicitationId} = ${sollicitations.id}
      join ${sollicitationSituations} on ${sollicitationSituations.sollicitationId} = ${sollicitations.id}
      join ${refSituationPartenaires} on ${refSituationPartenaires.situationKey} = ${sollicitationSituations.situationKey}
        and ${refSituationPartenaires.partnerKey} = ${sollicitationPartenaires.partnerKey}
      join ${sollicitationAides} on ${sollicitationAides.sollicitationId} = ${sollicitations.id}
      where ${passages.structureId} = ${structureId}
        and ${structureScope(actor, { structureId: passages.structureId })}
        and ${passages.deletedAt} is null
        and ${passages.startedAt} >= ${since.toISOString()}
      group by grouping sets ((1, 2, 3), (1, 2))
    `,
  );
  const pairs = new Map<string, PairCounts>();
  for (const row of rows) {
    const key = pairKey(row.partenaire, row.situation);
    const counts = pairs.get(key) ?? { partenaire: row.partenaire, situation: row.situation, n: 0, aides: new Map() };
    if (row.aide === null) counts.n = Number(row.n);
    else counts.aides.set(row.aide, Number(row.n));
    pairs.set(key, counts);
  }
  return pairs;
}

/** The eight most frequent pairs (ties by keys), each with its most given help (ties by key), then the defaults. */
function ranked(pairs: Map<string, PairCounts>): QuickPick[] {
  const top = [...pairs.values()]
    .filter((counts) => counts.n > 0)
    .sort((a, b) => b.n - a.n || compareKeys(a.partenaire, b.partenaire) || compareKeys(a.situation, b.situation))
    .slice(0, QUICK_PICK_COUNT);
  const picks: QuickPick[] = top.map((counts) => ({
    ...pick(counts.partenaire, counts.situation, mostGiven(counts.aides)),
    source: "structure",
  }));
  for (const fallback of NATIONAL_QUICK_PICKS) {
    if (picks.length >= QUICK_PICK_COUNT) break;
    if (
      picks.some((existing) => existing.partenaire === fallback.partenaire && existing.situation === fallback.situation)
    )
      continue;
    picks.push({ ...pick(fallback.partenaire, fallback.situation, fallback.aide), source: "national" });
  }
  return picks;
}

/** Keys compare as the database's `order by` did on these ASCII snake_case keys. */
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function mostGiven(aides: Map<string, number>): TypeAide {
  let best: [string, number] | null = null;
  for (const entry of [...aides.entries()].sort((a, b) => compareKeys(a[0], b[0]))) {
    if (!best || entry[1] > best[1]) best = entry;
  }
  const aide = best?.[0] ?? "";
  return (isTypeAide(aide) ? aide : "information") as TypeAide;
}

/**
 * A recording on this node adds its demands to the structure's counts, when they are held: the
 * next view shows it without reading the 90 days again.
 */
export function noteRecordedDemands(
  structureId: string,
  startedAt: Date,
  demands: ReadonlyArray<{ partenaires: readonly string[]; situations: readonly string[]; aides: readonly string[] }>,
): void {
  bump(structureId);
  const entry = cache.get(structureId);
  if (!entry || startedAt.getTime() < entry.since) return;
  for (const demand of demands) {
    for (const partenaire of new Set(demand.partenaires)) {
      for (const situation of new Set(demand.situations)) {
        if (!situationPartnersOf(situation).includes(partenaire) || demand.aides.length === 0) continue;
        const key = pairKey(partenaire, situation);
        const counts = entry.pairs.get(key) ?? { partenaire, situation, n: 0, aides: new Map() };
        counts.n += 1;
        for (const aide of new Set(demand.aides)) counts.aides.set(aide, (counts.aides.get(aide) ?? 0) + 1);
        entry.pairs.set(key, counts);
      }
    }
  }
}

/** A correction or a deletion changed the structure's records: its counts are read again. */
export function forgetQuickPicks(structureId: string): void {
  bump(structureId);
  cache.delete(structureId);
}

function pick(partenaire: string, situation: string, aide: TypeAide) {
  return {
    partenaire,
    situation,
    aide,
    label: quickPickLabel(partenaire, situation),
    param: `${partenaire}.${situation}.${aide}`,
  };
}

/** Reads a `raccourci` query parameter ("caf.allocation_logement.demarche_en_ligne"); null unless it is a coherent choice. */
export function parseQuickPickParam(value: string | null): Pick<QuickPick, "partenaire" | "situation" | "aide"> | null {
  if (!value || value.length > 100) return null;
  const [partenaire, situation, aide, ...rest] = value.split(".");
  if (rest.length > 0 || !partenaire || !situation || !aide) return null;
  if (!isPartenaireNational(partenaire) || !isTypeAide(aide) || !situationPartnersOf(situation).includes(partenaire))
    return null;
  return { partenaire, situation, aide };
}
