import { ROLE_PRECEDENCE, type Role } from "../../../src/acces/roles";

const ADVICE: Record<Role, string> = {
  agent: "Si vous pensez que c’est une erreur, contactez le responsable de votre structure.",
  responsable:
    "Cette page relève de votre coordinateur départemental (préfecture) : contactez-le si vous pensez en avoir besoin.",
  referent:
    "Cette page est réservée aux équipes France Services. Si vous pensez que c’est une erreur, contactez le coordinateur départemental qui tient l’annuaire des référents.",
  coordinateur:
    "Cette page relève du pilotage national ou d’un autre département. Si vous pensez que c’est une erreur, contactez l’équipe nationale France Services (ANCT).",
  national:
    "Cette page relève d’une structure, d’un partenaire ou de l’administration technique. Si vous pensez que c’est une erreur, contactez l’administrateur de la plateforme.",
  admin:
    "Cette page relève d’un autre rôle (une structure ou un partenaire) : elle ne s’ouvre pas avec un compte d’administration.",
};

const WITHOUT_ROLE =
  "Si vous pensez que c’est une erreur, contactez le responsable de votre structure ou votre coordinateur départemental.";

/** The 403 page's advice for who is reading it: never « contactez le responsable » to the responsable herself. */
export function forbiddenAdvice(roles: readonly Role[]): string {
  const speaking = ROLE_PRECEDENCE.find((role) => roles.includes(role));
  return speaking ? ADVICE[speaking] : WITHOUT_ROLE;
}
