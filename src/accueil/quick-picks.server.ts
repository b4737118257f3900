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

/**
 * The structure's most frequent (partner, situation) pairs over the last 90 days, with the kind of
 * help most often given for each, completed with the national defaults. Only pairs the bouquet
 * ties together count (a sollicitation "CAF + DGFiP / allocation logement" counts for CAF only).
 * One aggregate query; deleted passages do not count.
 */
export async function quickPicks(
  actor: Actor,
  structureId: string,
  options: { now?: Date } = {},
  q: Queryable = db(),
): Promise<QuickPick[]> {
  const since = new Date((options.now ?? new Date()).getTime() - QUICK_PICK_WINDOW_DAYS * 86_400_000);
  const rows = await queryRows<{ partenaire: string; situation: string; aide: TypeAide; n: number }>(
    q,
    sql`
      select ${sollicitationPartenaires.partnerKey} as partenaire, ${sollicitationSituations.situationKey} as situation,
        mode() within group (order by ${sollicitationAides.aideKey}) as aide,
        count(distinct ${sollicitations.id})::int as n
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
      group by 1, 2
      order by n desc, 1, 2
      limit ${QUICK_PICK_COUNT}
    `,
  );
  const picks: QuickPick[] = rows.map((row) => ({
    ...pick(row.partenaire, row.situation, row.aide),
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
