import { z } from "zod";
import { GESTIONNAIRE_TYPES, STRUCTURE_FORMATS, STRUCTURE_LABELS, STRUCTURE_STATUTS, keysOf } from "./structures.labels";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `${max} caractères au maximum.`)
    .optional()
    .transform((value) => (value ? value : null));

const optionalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Saisissez une date au format JJ/MM/AAAA.")
  .optional()
  .transform((value) => value ?? null);

/** One schema for the structure form, the API and the CLI. */
export const structureSchema = z.object({
  nom: z.string({ error: "Saisissez le nom de la structure." }).trim().min(3, "Le nom doit contenir au moins 3 caractères.").max(200, "200 caractères au maximum."),
  label: z.enum(keysOf(STRUCTURE_LABELS), { error: "Choisissez le label." }),
  format: z.enum(keysOf(STRUCTURE_FORMATS), { error: "Choisissez le format." }),
  parentStructureId: z.uuid({ error: "Choisissez la structure principale." }).optional().transform((value) => value ?? null),
  gestionnaireType: z.enum(keysOf(GESTIONNAIRE_TYPES), { error: "Choisissez le type de gestionnaire." }),
  gestionnaireNom: z.string({ error: "Saisissez le nom du gestionnaire." }).trim().min(2, "Saisissez le nom du gestionnaire.").max(200, "200 caractères au maximum."),
  adresse: z.string({ error: "Saisissez l’adresse." }).trim().min(3, "Saisissez l’adresse.").max(300, "300 caractères au maximum."),
  complementAdresse: optionalText(300),
  codePostal: z.string({ error: "Saisissez le code postal." }).trim().regex(/^\d{5}$/, "Le code postal comporte 5 chiffres."),
  communeInsee: z
    .string({ error: "Saisissez le code INSEE de la commune." })
    .trim()
    .toUpperCase()
    .regex(/^(\d{5}|2[AB]\d{3})$/, "Le code INSEE comporte 5 caractères, par exemple 92032."),
  telephone: z
    .string()
    .trim()
    .regex(/^(\+33|0)[1-9]( ?\d{2}){4}$/, "Saisissez un numéro de téléphone français, par exemple 01 23 45 67 89.")
    .optional()
    .transform((value) => value ?? null),
  email: z.email({ error: "Saisissez une adresse électronique valide." }).max(254).optional().transform((value) => value ?? null),
  dateLabellisation: optionalDate,
  dateOuverture: optionalDate,
  statut: z.enum(keysOf(STRUCTURE_STATUTS), { error: "Choisissez le statut." }).default("ouverte"),
});

export type StructureInput = z.output<typeof structureSchema>;
