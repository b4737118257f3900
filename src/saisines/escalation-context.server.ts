import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../acces/actor.server";
import { db, type Queryable } from "../db/client.server";
import { mandats, usagers } from "../db/schema";
import { coveringMandats, findDemarche } from "../demarches/get-demarche.server";
import { usagerDataScope } from "../donnees-personnelles/access.server";
import { PARTENAIRE_KEYS, PARTENAIRES_NATIONAUX, type PartenaireNationalKey } from "../referentiel/partenaires";
import { type MandateGap, mandateGap } from "./mandate-gap";
import { routeToGroup } from "./routing.server";

/** A national partner and whether a referent group covers the agent's structure for it. */
export type PartnerReach = { key: PartenaireNationalKey; label: string; nomLong: string; reachable: boolean };

/** What the agent sees before writing a saisine from a démarche: the démarche, its usager, the mandate. */
export type DemarcheContext = {
  id: string;
  titre: string;
  usager: { id: string; nom: string; prenom: string };
  partnerKey: PartenaireNationalKey | null;
  mandateGap: MandateGap | null;
};

/** Every national partner, reachable or not from this structure (routing as createSaisine does it). */
export async function partnerReach(structureId: string, q: Queryable = db()): Promise<PartnerReach[]> {
  const reach: PartnerReach[] = [];
  for (const key of PARTENAIRE_KEYS) {
    const group = await routeToGroup(key, structureId, q);
    reach.push({ key, ...PARTENAIRES_NATIONAUX[key], reachable: group !== null });
  }
  return reach;
}

/**
 * The démarche a saisine starts from, checked before the agent writes anything: the same scope as
 * createSaisine (the actor's structures), and exactly what is missing on the mandate side.
 */
export async function demarcheContext(actor: Actor, demarcheId: string, q: Queryable = db()): Promise<DemarcheContext> {
  const row = await findDemarche(actor, demarcheId, q);
  const [usager] = await q
    .select({ id: usagers.id, nom: usagers.nom, prenom: usagers.prenom })
    .from(usagers)
    .where(eq(usagers.id, row.usagerId));
  const covering = await coveringMandats(row.id, q);
  const others = await q
    .select({ id: mandats.id })
    .from(mandats)
    .where(
      and(
        eq(mandats.usagerId, row.usagerId),
        isNull(mandats.destroyedAt),
        isNull(mandats.revokedAt),
        usagerDataScope(actor, mandats.structureId),
      ),
    )
    .limit(1);
  const partnerKey =
    row.partnerKey && row.partnerKey in PARTENAIRES_NATIONAUX ? (row.partnerKey as PartenaireNationalKey) : null;
  return {
    id: row.id,
    titre: row.titre,
    usager,
    partnerKey,
    mandateGap: mandateGap(covering, others.length > 0),
  };
}
