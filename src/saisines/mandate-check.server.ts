import type { Actor } from "../acces/actor.server";
import type { Queryable } from "../db/client.server";
import { requireActiveMandate } from "../mandats/require-active-mandate.server";

/**
 * The one place saisines ask the mandats capability whether the agent may act for a named
 * usager: an active mandate of the agent's structures covering this démarche (throws
 * `mandat.required` otherwise). Returns the mandate's id.
 */
export function requireMandateForSaisine(
  actor: Actor,
  usagerId: string,
  demarcheId: string,
  q: Queryable,
): Promise<string> {
  return requireActiveMandate(actor, usagerId, demarcheId, q);
}
