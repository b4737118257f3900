import { eq } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db } from "../db/client.server";
import { structures } from "../db/schema";
import type { RequestContext } from "../donnees-personnelles/access.server";
import { partenaireLabel } from "../referentiel/partenaires";
import { communeLabel } from "../territoire/territoire";
import { usagerDemarches, viewUsagerSummary } from "../usagers/get-usager.server";

/** What the mandate form offers: the usager's open démarches, and the structure's commune as the place. */
export async function mandatFormOptions(actor: Actor, usagerId: string, context: RequestContext = {}) {
  const usager = await viewUsagerSummary(actor, usagerId, context);
  const [structure] = await db()
    .select({ communeInsee: structures.communeInsee })
    .from(structures)
    .where(eq(structures.id, usager.structureId));
  const demarches = (await usagerDemarches(usager.id)).filter((demarche) => !demarche.closed);
  return {
    usager: { id: usager.id, nom: usager.nom, prenom: usager.prenom },
    demarches: demarches.map((demarche) => ({
      value: demarche.id,
      label: demarche.partnerKey ? `${demarche.titre} (${partenaireLabel(demarche.partnerKey)})` : demarche.titre,
    })),
    lieu: communeLabel(structure.communeInsee).replace(/ \(\w+\)$/, ""),
  };
}
