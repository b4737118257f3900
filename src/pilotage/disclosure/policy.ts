import type { Actor } from "../../acces/actor.server";
import type { Scope } from "../aggregate.server";
import type { Period } from "../period";

/**
 * Who sees what (ADR 021). A structure's own team (its agents and responsables) sees its exact
 * figures: they met these people. Every other reader (coordinateur, national, admin, the API, the
 * CLI, files passed on to a comité de pilotage) gets protected figures: whole calendar periods,
 * small counts suppressed with their complements, breakdowns at one level only.
 */
export type Audience =
  | { kind: "equipe" }
  | {
      kind: "protege";
      threshold: number;
      /**
       * The one level whose breakdowns this reader gets: the widest they may see (national for the
       * national role and admins, the département for a coordinateur). Breakdowns at two nested levels
       * would let one be subtracted from the other; totals, shown at every level, are suppressed
       * consistently across levels instead.
       */
      breakdownLevel: "national" | "departement";
    };

/** Period kinds a protected reader may ask for: nested calendar periods, suppressed together. */
export const PROTECTED_PERIOD_KINDS: ReadonlyArray<Period["kind"]> = ["mois", "trimestre", "annee"];

export function audienceOf(actor: Actor, scope: Scope, threshold: number): Audience {
  if (scope.kind === "structure" && actor.structureIds.includes(scope.structureId)) return { kind: "equipe" };
  return {
    kind: "protege",
    threshold,
    breakdownLevel: actor.roles.has("national") || actor.roles.has("admin") ? "national" : "departement",
  };
}

/** Whether a period may be reported to this audience. */
export function periodAllowed(audience: Audience, period: Pick<Period, "kind">): boolean {
  return audience.kind === "equipe" || PROTECTED_PERIOD_KINDS.includes(period.kind);
}

/** Whether this audience gets the breakdowns of a report at this level. */
export function breakdownsShown(audience: Audience, level: Scope["kind"]): boolean {
  return audience.kind === "equipe" || audience.breakdownLevel === level;
}
