import type { Actor } from "../acces/actor.server";
import { usableLocalPartners } from "../accueil/local-partners.server";
import { BOUQUET } from "../referentiel/bouquet";
import { PARTENAIRES_NATIONAUX } from "../referentiel/partenaires";

export type Option = { value: string; label: string };

/** The choices of the démarche form: national partners then the structure's local ones, the bouquet's situations. */
export async function demarcheFormOptions(
  actor: Actor,
  structureId: string,
): Promise<{ partenaires: Option[]; situations: Option[] }> {
  const locals = await usableLocalPartners(actor, structureId);
  return {
    partenaires: [
      ...Object.entries(PARTENAIRES_NATIONAUX).map(([value, partner]) => ({ value, label: partner.nomLong })),
      ...locals.map((partner) => ({ value: `local:${partner.id}`, label: `${partner.nom} (partenaire local)` })),
    ],
    situations: BOUQUET.flatMap((domaine) =>
      domaine.situations.map((situation) => ({ value: situation.key, label: `${domaine.label} : ${situation.label}` })),
    ),
  };
}
