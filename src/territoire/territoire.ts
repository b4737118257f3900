import { createRequire } from "node:module";

/**
 * Départements and communes come from @etalab/decoupage-administratif (the official COG),
 * looked up by INSEE code, never copied by hand.
 */
type RawCommune = { code: string; nom: string; departement: string; type: string; codesPostaux?: string[] };
type RawDepartement = { code: string; nom: string; region: string };

export type Commune = { code: string; nom: string; departement: string; codesPostaux: string[] };
export type Departement = { code: string; nom: string };

const require = createRequire(import.meta.url);
let communesByCode: Map<string, Commune> | null = null;
let departementsByCode: Map<string, Departement> | null = null;

function communes(): Map<string, Commune> {
  if (!communesByCode) {
    const raw = require("@etalab/decoupage-administratif/data/communes.json") as RawCommune[];
    communesByCode = new Map(
      raw
        .filter((commune) => commune.type === "commune-actuelle")
        .map((commune) => [
          commune.code,
          {
            code: commune.code,
            nom: commune.nom,
            departement: commune.departement,
            codesPostaux: commune.codesPostaux ?? [],
          },
        ]),
    );
  }
  return communesByCode;
}

function departementMap(): Map<string, Departement> {
  if (!departementsByCode) {
    const raw = require("@etalab/decoupage-administratif/data/departements.json") as RawDepartement[];
    departementsByCode = new Map(raw.map((d) => [d.code, { code: d.code, nom: d.nom }]));
  }
  return departementsByCode;
}

export function communeByInsee(code: string): Commune | null {
  return communes().get(code.trim().toUpperCase()) ?? null;
}

export function departementByCode(code: string): Departement | null {
  return departementMap().get(code.trim().toUpperCase()) ?? null;
}

export function allDepartements(): Departement[] {
  return [...departementMap().values()];
}

/** "Fontenay-aux-Roses (92)" for display. */
export function communeLabel(code: string): string {
  const commune = communeByInsee(code);
  return commune ? `${commune.nom} (${commune.departement})` : code;
}

export function departementLabel(code: string): string {
  const departement = departementByCode(code);
  return departement ? `${departement.code} — ${departement.nom}` : code;
}
