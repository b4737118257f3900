import { z } from "zod";
import { isoDay, text } from "../platform/validation";
import {
  GESTIONNAIRE_TYPES,
  keysOf,
  STRUCTURE_FORMATS,
  STRUCTURE_LABELS,
  STRUCTURE_STATUTS,
  type StructureLabel,
  type StructureStatut,
} from "./structures.labels";

/**
 * Optional fields accept a missing value or null (API clients send null), and every wrong type
 * gets the same French message as a wrong value: the API never answers in English.
 */
const optionalText = (max: number) =>
  text("Saisissez du texte.")
    .trim()
    .max(max, `${max} caractères au maximum.`)
    .nullish()
    .transform((value) => (value ? value : null));

const optionalDate = isoDay()
  .nullish()
  .transform((value) => value ?? null);

export const COMMUNE_INSEE_PATTERN = /^(\d{5}|2[AB]\d{3})$/;

/** One schema for the structure form, the API and the CLI. */
export const structureSchema = z.object({
  nom: text("Saisissez le nom de la structure.")
    .trim()
    .min(3, "Le nom doit contenir au moins 3 caractères.")
    .max(200, "200 caractères au maximum."),
  label: z.enum(keysOf(STRUCTURE_LABELS), { error: "Choisissez le label." }),
  format: z.enum(keysOf(STRUCTURE_FORMATS), { error: "Choisissez le format." }),
  parentStructureId: z
    .uuid({ error: "Choisissez la structure principale." })
    .nullish()
    .transform((value) => value ?? null),
  gestionnaireType: z.enum(keysOf(GESTIONNAIRE_TYPES), { error: "Choisissez le type de gestionnaire." }),
  gestionnaireNom: text("Saisissez le nom du gestionnaire.")
    .trim()
    .min(2, "Saisissez le nom du gestionnaire.")
    .max(200, "200 caractères au maximum."),
  adresse: text("Saisissez l’adresse.").trim().min(3, "Saisissez l’adresse.").max(300, "300 caractères au maximum."),
  complementAdresse: optionalText(300),
  codePostal: z
    .string({ error: "Saisissez le code postal." })
    .trim()
    .regex(/^\d{5}$/, "Le code postal comporte 5 chiffres."),
  communeInsee: z
    .string({ error: "Saisissez le code INSEE de la commune." })
    .trim()
    .toUpperCase()
    .regex(COMMUNE_INSEE_PATTERN, "Le code INSEE comporte 5 caractères, par exemple 92032."),
  telephone: z
    .string({ error: "Saisissez un numéro de téléphone français, par exemple 01 23 45 67 89." })
    .trim()
    .regex(/^(\+33|0)[1-9]( ?\d{2}){4}$/, "Saisissez un numéro de téléphone français, par exemple 01 23 45 67 89.")
    .nullish()
    .transform((value) => value ?? null),
  email: z
    .email({ error: "Saisissez une adresse électronique valide." })
    .max(254, "254 caractères au maximum.")
    .nullish()
    .transform((value) => value ?? null),
  dateLabellisation: optionalDate,
  dateOuverture: optionalDate,
  statut: z.enum(keysOf(STRUCTURE_STATUTS), { error: "Choisissez le statut." }).default("ouverte"),
});

export type StructureInput = z.output<typeof structureSchema>;

/** The public contact details the responsable edits for her own structure (the rest is the coordinateur's). */
export const structureContactsSchema = structureSchema.pick({ telephone: true, email: true });
export type StructureContactsInput = z.output<typeof structureContactsSchema>;

/**
 * Filters of the structure list (query string of the page and of the API). A value that does not
 * parse is dropped, never an error: a hand-edited URL still shows a list.
 */
export const structureFiltersSchema = z.object({
  departement: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(\d{2}|2A|2B|97\d)$/)
    .optional()
    .catch(undefined),
  label: z.enum(keysOf(STRUCTURE_LABELS)).optional().catch(undefined),
  statut: z.enum(keysOf(STRUCTURE_STATUTS)).optional().catch(undefined),
  q: text()
    .trim()
    .max(100)
    .optional()
    .transform((value) => (value ? value : undefined))
    .catch(undefined),
});

export type StructureFilters = { departement?: string; label?: StructureLabel; statut?: StructureStatut; q?: string };

/** Reads the filters from a URL's query string; only the filters that apply are returned. */
export function structureFiltersFromUrl(url: URL): StructureFilters {
  const raw: Record<string, string> = {};
  for (const key of ["departement", "label", "statut", "q"]) {
    const value = url.searchParams.get(key);
    if (value) raw[key] = value;
  }
  const parsed = structureFiltersSchema.parse(raw);
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined)) as StructureFilters;
}
