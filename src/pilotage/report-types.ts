import type { Dimension } from "./labels";
import type { SaisineStats } from "./saisine-stats.server";

/** The shape of a pilotage report (src/pilotage/report.server.ts builds it, src/pilotage/disclosure protects it). */
export type Level = "structure" | "departement" | "national";

export type BreakdownRow = {
  cle: string;
  libelle: string;
  passages: number | null;
  sollicitations: number | null;
  masque: boolean;
};
/** A null figure is suppressed (ADR 021): only outside the structure's team. */
export type Totals = {
  passages: number | null;
  sollicitations: number | null;
  dureeMoyenneMinutes: number | null;
  attenteMoyenneMinutes: number | null;
  partResoluSurPlace: number | null;
};

export type Report = {
  niveau: Level;
  id: string | null;
  libelle: string;
  periode: { code: string; du: string; au: string; libelle: string };
  totaux: Totals;
  periodePrecedente: {
    du: string;
    au: string;
    libelle: string;
    passages: number | null;
    sollicitations: number | null;
  };
  moyenneDepartement: {
    departement: string;
    structures: number;
    passages: number | null;
    sollicitations: number | null;
  } | null;
  evolution: {
    parSemaine: Array<{ debut: string; passages: number | null; sollicitations: number | null }>;
    parMois: Array<{ debut: string; passages: number | null; sollicitations: number | null }>;
  };
  /** `retenue`: the whole table is withheld (outside the team: too few people, or not at this level). */
  repartitions: Array<{ dimension: Dimension; titre: string; lignes: BreakdownRow[]; retenue?: boolean }>;
  /** Counts below this are suppressed outside the structure's team. */
  seuilMasquage: number;
  /** Whether the figures are protected (a reader outside the team), and whether breakdowns are given. */
  diffusion: { protege: boolean; repartitions: boolean };
  structures: Array<{
    id: string;
    nom: string;
    passages: number | null;
    sollicitations: number | null;
    derniereSaisie: string | null;
    sansSaisie: boolean;
  }> | null;
  departements: Array<{ code: string; libelle: string; passages: number | null; sollicitations: number | null }> | null;
  formats: Array<{ format: string; libelle: string; passages: number; sollicitations: number }> | null;
  /** Escalations to the partners' back offices (src/pilotage/saisine-stats.server.ts); absent in older reports. */
  saisines?: SaisineStats;
};
