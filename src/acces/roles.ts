/** Stable role keys, and their French labels in one place. */
export const ROLES = ["agent", "responsable", "referent", "coordinateur", "national", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  agent: "Agent France Services",
  responsable: "Responsable de structure",
  referent: "Référent partenaire",
  coordinateur: "Coordinateur départemental (préfecture)",
  national: "Pilotage national (ANCT)",
  admin: "Administrateur technique",
};

/** Which role speaks for a user holding several: the widest first. */
export const ROLE_PRECEDENCE: Role[] = ["admin", "national", "coordinateur", "responsable", "agent", "referent"];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
