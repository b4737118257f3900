import { MANDAT_STATUTS, type MandatStatut } from "../../../src/donnees-personnelles/mandats.labels";
import { labelOf } from "../../../src/structures/structures.labels";
import { StatusBadge } from "../usagers/fields";

const BADGES = {
  valide: "success",
  en_attente_signature: "info",
  revoque: "error",
  expire: "warning",
  termine: "new",
} as const satisfies Record<MandatStatut, string>;

/** A mandate's status, coloured: valid, awaiting signature, revoked, expired, ended. */
export function MandatStatusBadge({ statut }: { statut: MandatStatut }) {
  return <StatusBadge kind={BADGES[statut]}>{labelOf(MANDAT_STATUTS, statut)}</StatusBadge>;
}
