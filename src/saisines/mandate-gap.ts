import type { MandatStatut } from "../donnees-personnelles/mandats.labels";

/** A mandate linked to the démarche, as the démarche page lists it. */
export type LinkedMandat = { id: string; statut: MandatStatut; authorisationRevoked: boolean };

/**
 * Why a saisine about a named usager cannot be sent yet, most fixable first: a mandate drawn up but
 * not signed, one that expired or ended, one withdrawn for this démarche, a mandate of the usager that
 * does not cover this démarche, or none at all. `mandatId` is the mandate the fixing action is on.
 */
export type MandateGap = {
  kind: "non_signe" | "expire" | "termine" | "retire" | "autre_demarche" | "aucun";
  mandatId: string | null;
};

const ORDER: ReadonlyArray<[MandateGap["kind"], (mandat: LinkedMandat) => boolean]> = [
  ["non_signe", (mandat) => !mandat.authorisationRevoked && mandat.statut === "en_attente_signature"],
  ["expire", (mandat) => !mandat.authorisationRevoked && mandat.statut === "expire"],
  ["termine", (mandat) => !mandat.authorisationRevoked && mandat.statut === "termine"],
  ["retire", (mandat) => mandat.authorisationRevoked || mandat.statut === "revoque"],
];

/** Null when a valid mandate covers the démarche: the agent may write. */
export function mandateGap(covering: readonly LinkedMandat[], usagerHasOtherMandate: boolean): MandateGap | null {
  if (covering.some((mandat) => mandat.statut === "valide" && !mandat.authorisationRevoked)) return null;
  for (const [kind, matches] of ORDER) {
    const found = covering.find(matches);
    if (found) return { kind, mandatId: found.id };
  }
  return { kind: usagerHasOtherMandate ? "autre_demarche" : "aucun", mandatId: null };
}
