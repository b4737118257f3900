import { and, asc, eq, like, type SQL } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { normalizeSearch } from "../accueil/search-normalize";
import { db } from "../db/client.server";
import { anyOf } from "../db/conditions";
import { usagers } from "../db/schema";
import { auditPersonalData, type RequestContext, usagerDataScope } from "../donnees-personnelles/access.server";
import { currentUsagerStructure } from "./create-usager.server";

export type UsagerSearchResult = {
  id: string;
  nom: string;
  prenom: string;
  dateNaissance: string | null;
  commune: string | null;
};

const MAX_RESULTS = 50;

/**
 * Search by name in the structure the actor works in now: every word typed starts a word of the
 * name ("dup mar" finds « Martine Dupont »). An empty query lists nothing. The search is journaled
 * (without the words typed); opening a result is journaled by the file itself.
 */
export async function searchUsagers(
  actor: Actor,
  query: string,
  context: RequestContext = {},
): Promise<UsagerSearchResult[]> {
  const structureId = currentUsagerStructure(actor);
  const words = normalizeSearch(query).split(" ").filter(Boolean).slice(0, 5);
  if (words.length === 0) return [];
  const wordConditions: SQL[] = words.map((word) =>
    anyOf(like(usagers.nomRecherche, `${word}%`), like(usagers.nomRecherche, `% ${word}%`)),
  );
  const rows = await db()
    .select({
      id: usagers.id,
      nom: usagers.nom,
      prenom: usagers.prenom,
      dateNaissance: usagers.dateNaissance,
      commune: usagers.commune,
    })
    .from(usagers)
    .where(and(eq(usagers.structureId, structureId), usagerDataScope(actor, usagers.structureId), ...wordConditions))
    .orderBy(asc(usagers.nomRecherche))
    .limit(MAX_RESULTS);
  await auditPersonalData(actor, "usager.searched", { type: "usager", id: null, structureId }, context);
  return rows;
}
