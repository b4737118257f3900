import { z } from "zod";
import { text } from "../platform/validation";

/** The form (and CLI) that adds a local partner: a name, its département, optionally one structure. */
export const partenaireLocalSchema = z.object({
  nom: text("Saisissez le nom du partenaire.")
    .trim()
    .min(2, "Le nom doit contenir au moins 2 caractères.")
    .max(200, "200 caractères au maximum."),
  departement: z
    .string({ error: "Choisissez le département." })
    .trim()
    .toUpperCase()
    .regex(/^(\d{2}|2A|2B|97\d)$/, "Choisissez le département."),
  structureId: z
    .uuid({ error: "Choisissez une structure de la liste." })
    .nullish()
    .transform((value) => value ?? null),
});

export type PartenaireLocalInput = z.output<typeof partenaireLocalSchema>;
