import type { Role } from "../acces/roles";
import { partenaireLabel } from "../referentiel/partenaires";
import { departementLabel } from "../territoire/territoire";
import { frenchDate, isoToday, isStructureRole } from "./grant-scope";

/** "France Services de Metz", "CAF — 57 — Moselle", "57 — Moselle", "Tout le réseau"… */
export function scopeLabel(scope: {
  role: Role;
  structureNom?: string | null;
  departement?: string | null;
  partnerKey?: string | null;
}): string {
  if (isStructureRole(scope.role)) return scope.structureNom ?? "Structure inconnue";
  if (scope.role === "referent")
    return `${partenaireLabel(scope.partnerKey ?? "")} — ${departementLabel(scope.departement ?? "")}`;
  if (scope.role === "coordinateur") return departementLabel(scope.departement ?? "");
  if (scope.role === "national") return "Tout le réseau France Services";
  return "Toute l’application";
}

/** "depuis le 01/09/2025", "du 01/09/2025 au 31/08/2026 inclus", "à partir du 01/10/2025". */
export function periodLabel(startsOn: string, endsOn: string | null, today: string = isoToday()): string {
  const start = startsOn > today ? `à partir du ${frenchDate(startsOn)}` : `depuis le ${frenchDate(startsOn)}`;
  if (endsOn === null) return start;
  return `du ${frenchDate(startsOn)} au ${frenchDate(endsOn)} inclus`;
}
