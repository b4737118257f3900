import type { Role } from "../acces/roles";

/** Whether a user holding these roles must use TOTP (never in demo mode). */
export function secondFactorRequired(
  roles: Iterable<Role>,
  requiredRoles: readonly Role[],
  demoMode: boolean,
): boolean {
  if (demoMode) return false;
  for (const role of roles) if (requiredRoles.includes(role)) return true;
  return false;
}
