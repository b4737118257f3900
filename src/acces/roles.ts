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

export const PERMISSIONS = {
  "structure:read": ["agent", "responsable", "coordinateur", "national", "admin"],
  "structure:write": ["coordinateur", "admin"],
  "user:read": ["responsable", "coordinateur", "admin"],
  "user:invite": ["responsable", "coordinateur", "admin"],
  "user:manage": ["responsable", "coordinateur", "admin"],
  "partenaire_local:write": ["coordinateur", "admin"],
  "outbox:read": ["admin"],
  "audit:read": ["admin"],
  "reseau:read": ["national", "admin"],
  "pilotage:read": ["agent", "responsable", "coordinateur", "national", "admin"],
  "pilotage:export_records": ["responsable", "coordinateur", "national", "admin"],
  /** Usager files, démarches and mandates: agents and responsables of the structure only. */
  "usager:manage": ["agent", "responsable"],
  /** Saisines: agents escalate; referents answer only the saisines of their groups (scoped in src/saisines). */
  "saisine:create": ["agent", "responsable"],
  "saisine:read": ["agent", "responsable", "referent", "coordinateur"],
  "saisine:answer": ["referent"],
  /** The referents directory: never public; agents see the groups covering their structures. */
  "referents:read": ["agent", "responsable", "referent", "coordinateur", "admin"],
  "referents:manage": ["referent", "coordinateur", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function rolesGrant(roles: Iterable<Role>, permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  for (const role of roles) if (allowed.includes(role)) return true;
  return false;
}
