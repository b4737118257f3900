import { and, eq, isNull } from "drizzle-orm";
import { type Actor, activeAssignmentFilter, loadActor } from "../acces/actor.server";
import { CANAUX_AVEC_RDV, CANAUX_PRESENTIELS, type Canal } from "../accueil/accueil.labels";
import { type PassageInput, passageSchema } from "../accueil/accueil.schema";
import { recordPassage } from "../accueil/record-passage.server";
import { db } from "../db/client.server";
import { roleAssignments, structures, users } from "../db/schema";
import { AppError } from "../platform/app-error";
import { parisDay, parisInstant, shiftDay } from "../platform/time";
import { situationsOfPartner } from "../referentiel/bouquet";

/**
 * Realistic, fictional accueil activity for demos and benchmarks. Volumes and shares follow the
 * public figures of the network (DOMAIN.md §1): about 300 demands a month per structure, 82 % of
 * them resolved on site, and the 2023 partner shares. Every passage goes through the form's schema
 * and through recordPassage, so the generated data obeys every rule of the database.
 */

/** Share of demands per partner in 2023 (percent); "hors_partenaires" is a demand for no partner. */
export const PARTNER_SHARES: Record<string, number> = {
  france_titres: 19,
  caf: 16,
  assurance_maladie: 16,
  dgfip: 15,
  assurance_retraite: 14,
  // The remaining 20 %.
  france_travail: 5,
  msa: 3,
  hors_partenaires: 3,
  la_poste: 2,
  justice: 2,
  cheque_energie: 2,
  anah: 1.5,
  urssaf: 1.5,
};

/** Within a partner, the situations people come with most (others weigh 1). */
const SITUATION_WEIGHTS: Record<string, Record<string, number>> = {
  france_titres: { papiers_identite: 6, deplacement: 4 },
  caf: { allocation_logement: 4, difficultes_financieres: 3, naissance: 2, perte_proche: 1 },
  assurance_maladie: { rembourser_soins: 6, difficultes_financieres: 2, naissance: 1, perte_proche: 1 },
  msa: { affilie_msa: 3, preparer_retraite: 3, rembourser_soins: 2, naissance: 1, perte_proche: 1 },
  justice: { litige_conflit: 7, victime_infraction: 3 },
};
/** Situations of no national partner, for "hors partenaires" demands (or none at all). */
const HORS_PARTENAIRES_SITUATIONS = {
  "": 4,
  informations_jeunesse: 2,
  litige_consommation: 2,
  situation_handicap: 1,
  prendre_soin_sante: 1,
};

const CHANNELS_FIXED: Partial<Record<Canal, number>> = {
  accueil_physique: 68,
  telephone: 22,
  courriel: 6,
  visio: 2,
  courrier: 1,
  formulaire_en_ligne: 1,
};
const CHANNELS_MOBILE: Partial<Record<Canal, number>> = {
  hors_les_murs: 70,
  telephone: 20,
  accueil_physique: 5,
  courriel: 4,
  visio: 1,
};
const AIDES = {
  demarche_en_ligne: 35,
  information: 30,
  dossier_administratif: 20,
  mise_en_relation: 10,
  outils_numeriques: 5,
};
const AUTONOMIES = { autonome: 20, partiellement: 45, entierement: 35 };
export const ISSUE_SHARES = {
  resolu_sur_place: 82,
  oriente_partenaire: 6,
  rdv_partenaire: 4,
  attente_pieces: 4,
  a_escalader: 2,
  non_resolu: 2,
};
const PARTNERISH_ISSUES = ["oriente_partenaire", "rdv_partenaire", "a_escalader"];
const SIGNALEMENT_RATES = {
  difficulte_numerique: 0.12,
  situation_complexe: 0.04,
  non_recours: 0.03,
  allophone: 0.03,
  handicap: 0.02,
};
const TRANCHES_AGE = { moins_26: 8, "26_39": 14, "40_54": 20, "55_64": 20, "65_74": 20, "75_plus": 18 };
const GENRES = { femme: 55, homme: 44, autre: 1 };
/** 1, 2 or 3 demands per passage: 1.34 on average. */
const DEMANDS_PER_PASSAGE = { 1: 72, 2: 22, 3: 6 };
/** Busier on Mondays, quieter on Fridays (index 1 = Monday). */
const WEEKDAY_FACTOR = [0, 1.15, 1.05, 0.95, 1, 0.85, 0];
/** Opening hours, in minutes after midnight: 8:30–12:00 and 13:30–17:00. */
const SLOTS: Array<[number, number]> = [
  [8 * 60 + 30, 12 * 60],
  [13 * 60 + 30, 17 * 60],
];
/** About 300 demands a month: 21.7 weekdays × 10 passages × 1.34 demands. */
export const DEFAULT_PASSAGES_PER_DAY = 10;

/** A small seeded generator (mulberry32) so that a seed always gives the same activity. */
export function seededRandom(seed: string): () => number {
  let state = 0x811c9dc5;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function weighted<K extends string>(
  random: Random,
  weights: Partial<Record<K, number>>,
  exclude: readonly string[] = [],
): K {
  const entries = (Object.entries(weights) as Array<[K, number]>).filter(([key]) => !exclude.includes(key));
  let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [key, weight] of entries) {
    roll -= weight;
    if (roll < 0) return key;
  }
  return entries[entries.length - 1][0];
}

function poisson(random: Random, mean: number): number {
  if (mean > 50)
    return Math.max(
      0,
      Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())),
    );
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random(); product > limit; product *= random()) count++;
  return count;
}

function demand(random: Random, partner: string): Record<string, unknown> {
  const hors = partner === "hors_partenaires";
  const situation = hors
    ? weighted(random, HORS_PARTENAIRES_SITUATIONS)
    : weighted(
        random,
        SITUATION_WEIGHTS[partner] ?? Object.fromEntries(situationsOfPartner(partner).map((s) => [s.key, 1])),
      );
  const first = weighted(random, AIDES);
  const aides = random() < 0.35 ? [first, weighted(random, AIDES, [first])] : [first];
  return {
    partenaires: hors ? [] : [partner],
    horsPartenaires: hors,
    situations: situation ? [situation] : [],
    aides,
    autonomie: weighted(random, AUTONOMIES),
    issue: weighted(random, ISSUE_SHARES, hors ? PARTNERISH_ISSUES : []),
    signalements: Object.entries(SIGNALEMENT_RATES)
      .filter(([, rate]) => random() < rate)
      .map(([key]) => key),
  };
}

function passageAt(random: Random, debut: Date, mobile: boolean, communeInsee: string): PassageInput {
  const canal = weighted(random, mobile ? CHANNELS_MOBILE : CHANNELS_FIXED);
  const presentiel = (CANAUX_PRESENTIELS as readonly string[]).includes(canal);
  const count = Number(weighted(random, DEMANDS_PER_PASSAGE));
  const partners: string[] = [];
  for (let index = 0; index < count; index++) partners.push(weighted(random, PARTNER_SHARES, partners));
  const equipements = presentiel && random() < 0.3 ? [weighted(random, { poste: 4, imprimante: 4, scanner: 3 })] : [];
  const base = canal === "telephone" ? 5 : presentiel ? 12 : 6;
  return passageSchema.parse({
    debut,
    canal,
    avecRdv: (CANAUX_AVEC_RDV as readonly string[]).includes(canal) && random() < 0.2,
    dureeMinutes: Math.min(480, base + Math.floor(random() * base * 2) + (count - 1) * 8),
    trancheAge: random() < 0.7 ? weighted(random, TRANCHES_AGE) : undefined,
    genre: random() < 0.7 ? weighted(random, GENRES) : undefined,
    communeResidence: random() < 0.5 ? communeInsee : undefined,
    premiereVisite: random() < 0.6 ? random() < 0.25 : undefined,
    equipements,
    sollicitations: partners.map((partner) => demand(random, partner)),
  });
}

export type GeneratedActivity = {
  passages: number;
  sollicitations: number;
  firstDay: string;
  lastDay: string;
  seed: string;
};

/**
 * Fills `days` calendar days up to today (weekdays only, opening hours only, never in the future)
 * with passages recorded by the structure's agents.
 */
export async function generateActivity(input: {
  structureId: string;
  days: number;
  perDay?: number;
  seed?: string;
  now?: Date;
}): Promise<GeneratedActivity> {
  const now = input.now ?? new Date();
  const seed = input.seed ?? String(Math.floor(Math.random() * 1e9));
  const random = seededRandom(seed);
  const [structure] = await db()
    .select({ format: structures.format, communeInsee: structures.communeInsee })
    .from(structures)
    .where(eq(structures.id, input.structureId));
  if (!structure) throw new AppError("structure.not_found", 404, "structure");
  const agentRows = await db()
    .selectDistinct({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.structureId, input.structureId),
        eq(roleAssignments.role, "agent"),
        activeAssignmentFilter(),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(roleAssignments.userId);
  const agents: Actor[] = [];
  for (const row of agentRows) {
    const actor = await loadActor(row.userId, { via: "cli", currentStructureId: input.structureId });
    if (actor) agents.push(actor);
  }
  if (agents.length === 0) throw new AppError("demo.no_agent", 400, "structure");

  const mobile = structure.format === "bus" || structure.format === "itinerante";
  const perDay = input.perDay ?? DEFAULT_PASSAGES_PER_DAY;
  const lastDay = parisDay(now);
  const firstDay = shiftDay(lastDay, 1 - input.days);
  const totals = { passages: 0, sollicitations: 0 };
  for (let day = firstDay; day <= lastDay; day = shiftDay(day, 1)) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const minutes = Array.from({ length: poisson(random, perDay * WEEKDAY_FACTOR[weekday]) }, () => {
      const [start, end] = SLOTS[random() < 0.5 ? 0 : 1];
      return start + random() * (end - start);
    }).sort((a, b) => a - b);
    for (const minute of minutes) {
      const seconds = Math.floor(minute * 60);
      // parisInstant handles the offset of each day (daylight saving time included).
      const at = new Date(parisInstant(day, Math.floor(seconds / 60)).getTime() + (seconds % 60) * 1000);
      if (at.getTime() > now.getTime()) continue;
      const agent = agents[Math.floor(random() * agents.length)];
      const passage = { ...passageAt(random, at, mobile, structure.communeInsee), structureId: input.structureId };
      const recorded = await recordPassage(agent, passage);
      totals.passages++;
      totals.sollicitations += recorded.sollicitations.length;
    }
  }
  return { ...totals, firstDay, lastDay, seed };
}
