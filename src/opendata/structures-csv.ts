import { type Cell, toCsv } from "../platform/csv";
import type { OpenStructure } from "./structures-dataset.server";

/**
 * « Liste des structures France services », with the columns of the national dataset.
 * Not known in Guichet yet, and never invented: coordinates (left empty) and opening hours
 * (« non renseigné » in each h_* column). See README.md in this folder.
 */
export const STRUCTURES_DATASET_COLUMNS = [
  "id_fs",
  "insee_dep",
  "lib_fs",
  "adresse",
  "complement_adresse",
  "insee_com",
  "code_postal",
  "lib_com",
  "latitude",
  "longitude",
  "mail",
  "telephone",
  "h_lundi",
  "h_mardi",
  "h_mercredi",
  "h_jeudi",
  "h_vendredi",
  "h_samedi",
  "prise_rdv",
  "type_fs",
  "format_fs",
  "labellisation_fs",
] as const;

export const HOURS_UNKNOWN = "non renseigné";

const TYPE_FS = { france_services: "France services", msap: "MSAP" } as const;
const FORMAT_FS: Record<string, string> = {
  fixe: "Fixe",
  multi_site: "Multi-site",
  bus: "Bus",
  itinerante: "Itinérante",
  antenne: "Antenne",
};

export function structuresDatasetCsv(list: OpenStructure[]): string {
  const rows: Cell[][] = list.map((structure) => [
    structure.id,
    structure.departement,
    structure.nom,
    structure.adresse,
    structure.complementAdresse,
    structure.communeInsee,
    structure.codePostal,
    structure.communeNom,
    null,
    null,
    structure.email,
    structure.telephone,
    HOURS_UNKNOWN,
    HOURS_UNKNOWN,
    HOURS_UNKNOWN,
    HOURS_UNKNOWN,
    HOURS_UNKNOWN,
    HOURS_UNKNOWN,
    null,
    TYPE_FS[structure.label],
    FORMAT_FS[structure.format] ?? structure.format,
    structure.dateLabellisation,
  ]);
  return toCsv([...STRUCTURES_DATASET_COLUMNS], rows);
}
