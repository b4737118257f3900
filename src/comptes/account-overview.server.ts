import { type Actor, actorStructures } from "../acces/actor.server";
import { describeActor } from "../acces/describe-actor";
import { ROLE_LABELS, type Role } from "../acces/roles";
import { listApiTokens } from "../auth/api-tokens.server";
import { secondFactorRequired } from "../auth/second-factor-policy";
import { canDisableSecondFactor, remainingRecoveryCodes } from "../auth/totp.server";
import { config } from "../platform/config.server";
import { partenaireLabel } from "../referentiel/partenaires";
import { departementLabel } from "../territoire/territoire";

function scopeLabel(
  role: Role,
  scope: { structureId: string | null; departement: string | null; partenaire: string | null },
  structureNames: Map<string, string>,
): string {
  switch (role) {
    case "agent":
    case "responsable":
      return scope.structureId ? (structureNames.get(scope.structureId) ?? "Structure inconnue") : "—";
    case "referent":
      return `${partenaireLabel(scope.partenaire ?? "")}, département ${departementLabel(scope.departement ?? "")}`;
    case "coordinateur":
      return `Département ${departementLabel(scope.departement ?? "")}`;
    case "national":
      return "Tout le réseau France Services";
    case "admin":
      return "Toute l’application";
  }
}

/** What "Mon compte" shows: identity, roles in force with their scope and dates, second factor, live API tokens. */
export async function accountOverview(actor: Actor) {
  const described = describeActor(actor);
  const structureNames = new Map((await actorStructures(actor)).map((structure) => [structure.id, structure.nom]));
  return {
    prenom: described.prenom,
    nom: described.nom,
    email: described.email,
    roles: described.roles.map((assignment) => ({
      label: ROLE_LABELS[assignment.role],
      scope: scopeLabel(assignment.role, assignment, structureNames),
      debut: assignment.debut,
      fin: assignment.fin,
    })),
    secondFactor: {
      enabled: described.doubleAuthentification,
      required: secondFactorRequired(actor.roles, config().TOTP_REQUIRED_ROLES, config().DEMO_MODE),
      canDisable: canDisableSecondFactor(actor),
      remainingRecoveryCodes: described.doubleAuthentification ? await remainingRecoveryCodes(actor.userId) : 0,
    },
    apiTokens: (await listApiTokens(actor.userId)).map((token) => ({
      id: token.id,
      name: token.name,
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    })),
  };
}
