import { type Permission, rolesGrant } from "../../../src/acces/permissions";
import type { Role } from "../../../src/acces/roles";

export type NavItem = { to: string; label: string; permission: Permission };

/** The main navigation: each entry names the permission that shows it (the one its page's guard asks). */
export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "Tableau de bord", permission: "home:read" },
  { to: "/accueil", label: "Accueil du public", permission: "accueil:record" },
  { to: "/accueil/journee", label: "Journée", permission: "accueil:read_passages" },
  { to: "/accueil/file-attente", label: "File d’attente", permission: "accueil:file_attente" },
  { to: "/usagers", label: "Usagers", permission: "usager:manage" },
  { to: "/demarches", label: "Démarches", permission: "usager:manage" },
  { to: "/saisines", label: "Saisines", permission: "saisine:read" },
  { to: "/referents", label: "Annuaire des référents", permission: "referents:read" },
  { to: "/pilotage", label: "Pilotage", permission: "pilotage:read" },
  { to: "/structures", label: "Structures", permission: "structure:read" },
  { to: "/utilisateurs", label: "Équipe et comptes", permission: "user:read" },
  { to: "/partenaires", label: "Partenaires et bouquet de services", permission: "partenaires:read" },
  { to: "/admin/outbox", label: "Courriels envoyés", permission: "outbox:read" },
  { to: "/admin/journal", label: "Journal d’audit", permission: "audit:read" },
];

/** The entries the roles' permissions show, in menu order. */
export function navItemsFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => rolesGrant(roles, item.permission));
}

/** The entry for a path: the longest entry that is the path or one of its parents (one entry at most). */
export function currentNavTarget(pathname: string, items: readonly NavItem[]): string | null {
  const matches = items.filter(
    (item) => pathname === item.to || (item.to !== "/" && pathname.startsWith(`${item.to}/`)),
  );
  return matches.sort((a, b) => b.to.length - a.to.length)[0]?.to ?? null;
}
