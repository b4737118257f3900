import type { Role } from "../../../src/acces/roles";

export type NavItem = { to: string; label: string; roles: readonly Role[] };

/** The main navigation: each entry lists the roles that see it. */
export const NAV_ITEMS: NavItem[] = [
  {
    to: "/",
    label: "Tableau de bord",
    roles: ["agent", "responsable", "referent", "coordinateur", "national", "admin"],
  },
  { to: "/accueil", label: "Accueil du public", roles: ["agent", "responsable"] },
  { to: "/accueil/journee", label: "Journée", roles: ["agent", "responsable"] },
  { to: "/accueil/file-attente", label: "File d’attente", roles: ["agent", "responsable"] },
  { to: "/usagers", label: "Usagers", roles: ["agent", "responsable"] },
  { to: "/demarches", label: "Démarches", roles: ["agent", "responsable"] },
  { to: "/saisines", label: "Saisines", roles: ["agent", "responsable", "referent", "coordinateur"] },
  {
    to: "/referents",
    label: "Annuaire des référents",
    roles: ["agent", "responsable", "referent", "coordinateur", "admin"],
  },
  { to: "/pilotage", label: "Pilotage", roles: ["agent", "responsable", "coordinateur", "national", "admin"] },
  { to: "/structures", label: "Structures", roles: ["agent", "responsable", "coordinateur", "national", "admin"] },
  { to: "/utilisateurs", label: "Équipe et comptes", roles: ["responsable", "coordinateur", "admin"] },
  {
    to: "/partenaires",
    label: "Partenaires et bouquet de services",
    roles: ["agent", "responsable", "referent", "coordinateur", "national", "admin"],
  },
  { to: "/admin/outbox", label: "Courriels envoyés", roles: ["admin"] },
  { to: "/admin/journal", label: "Journal d’audit", roles: ["admin"] },
];

export function navItemsFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.some((role) => roles.includes(role)));
}

/** The entry for a path: the longest entry that is the path or one of its parents (one entry at most). */
export function currentNavTarget(pathname: string, items: readonly NavItem[]): string | null {
  const matches = items.filter(
    (item) => pathname === item.to || (item.to !== "/" && pathname.startsWith(`${item.to}/`)),
  );
  return matches.sort((a, b) => b.to.length - a.to.length)[0]?.to ?? null;
}
