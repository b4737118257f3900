import type { Role } from "./roles";

/**
 * The one table of who may do what: each permission lists the roles that hold it. Guards name a
 * permission (`requirePermission`), pages ask one (`rolesGrant`), the menu shows an entry for one;
 * nothing in app/ tests a role. Scopes (which structure, which département, which partner) are
 * checked after the permission, by the use cases (ADR 005).
 */
export const PERMISSIONS = {
  /** The menu's entries for the home page and the partners page (both open to any signed-in user). */
  "home:read": ["agent", "responsable", "referent", "coordinateur", "national", "admin"],
  "partenaires:read": ["agent", "responsable", "referent", "coordinateur", "national", "admin"],
  /** Accueil: the team of a structure records its passages, reads and corrects them, runs its waiting queue. */
  "accueil:record": ["agent", "responsable"],
  "accueil:read_passages": ["agent", "responsable"],
  "accueil:correct_passage": ["agent", "responsable"],
  "accueil:file_attente": ["agent", "responsable"],
  "structure:read": ["agent", "responsable", "coordinateur", "national", "admin"],
  /** Every structure of a département (the coordinateur's own; any for national and admin), beyond one's own team. */
  "structure:read_departement": ["coordinateur", "national", "admin"],
  "structure:write": ["coordinateur", "admin"],
  /** The public contact details of a structure: also its own responsable (scoped in updateStructureContacts). */
  "structure:write_contacts": ["responsable", "coordinateur", "admin"],
  "user:read": ["responsable", "coordinateur", "admin"],
  "user:invite": ["responsable", "coordinateur", "admin"],
  "user:manage": ["responsable", "coordinateur", "admin"],
  "partenaire_local:write": ["coordinateur", "admin"],
  "outbox:read": ["admin"],
  "audit:read": ["admin"],
  /** The platform's counters (accounts, structures, sessions, journal, outbox) on the home page. */
  "plateforme:read_counters": ["admin"],
  /** The whole network at a glance (structures per département). */
  "reseau:read": ["national", "admin"],
  "pilotage:read": ["agent", "responsable", "coordinateur", "national", "admin"],
  /** Anonymised records: the structure's responsable only (ADR 021); outside the team, protected reports. */
  "pilotage:export_records": ["responsable"],
  /** Usager files, démarches and mandates: agents and responsables of the structure only. */
  "usager:manage": ["agent", "responsable"],
  /** Saisines: agents escalate; referents answer only the saisines of their groups (scoped in src/saisines). */
  "saisine:create": ["agent", "responsable"],
  "saisine:read": ["agent", "responsable", "referent", "coordinateur"],
  "saisine:answer": ["referent"],
  /** The referents directory: never public; agents see the groups covering their structures. */
  "referents:read": ["agent", "responsable", "referent", "coordinateur", "admin"],
  "referents:manage": ["referent", "coordinateur", "admin"],
  /** Any referent group, whatever its département (others edit their own groups or their départements'). */
  "referents:manage_any": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether any of the roles holds the permission (an actor's roles, or a role list such as the menu's). */
export function rolesGrant(roles: Iterable<Role>, permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  for (const role of roles) if (allowed.includes(role)) return true;
  return false;
}
