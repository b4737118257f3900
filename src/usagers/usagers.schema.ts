import { z } from "zod";
import { parisDay } from "../platform/time";
import { isoDay, text, uuid } from "../platform/validation";
import { IDENTIFIANT_TYPE_KEYS, IDENTIFIANT_TYPES, identifiantValid, normalizeIdentifiant } from "./usagers.labels";

const optionalText = (max: number, message = `${max} caractères au maximum.`) =>
  text("Saisissez du texte.")
    .trim()
    .max(max, message)
    .nullish()
    .transform((value) => (value ? value : null));

const name = (what: string) =>
  text(`Saisissez le ${what}.`).trim().min(1, `Saisissez le ${what}.`).max(100, "100 caractères au maximum.");

/** Identity and contact: the minimum a follow-up needs. One schema for the form, the API and the seed. */
export const usagerFieldsSchema = z.object({
  nom: name("nom"),
  prenom: name("prénom"),
  dateNaissance: isoDay()
    .refine((value) => value >= "1900-01-01" && value <= parisDay(), "La date de naissance doit être passée.")
    .nullish()
    .transform((value) => value ?? null),
  telephone: z
    .string({ error: "Saisissez un numéro de téléphone, par exemple 06 12 34 56 78." })
    .trim()
    .regex(/^\+?[0-9 .]{6,30}$/, "Saisissez un numéro de téléphone, par exemple 06 12 34 56 78.")
    .nullish()
    .transform((value) => value ?? null),
  email: z
    .email({ error: "Saisissez une adresse électronique valide, par exemple nom@domaine.fr." })
    .max(200, "200 caractères au maximum.")
    .nullish()
    .transform((value) => value ?? null),
  commune: optionalText(100),
});

export const createUsagerSchema = usagerFieldsSchema.extend({
  noticeRemise: z.literal(true, {
    error: "Confirmez que l’usager a reçu la notice d’information avant de créer sa fiche.",
  }),
});

export type UsagerFields = z.output<typeof usagerFieldsSchema>;
export type CreateUsagerInput = z.output<typeof createUsagerSchema>;

export const identifiantSchema = z
  .object({
    type: z.enum(IDENTIFIANT_TYPE_KEYS, { error: "Choisissez le type d’identifiant." }),
    valeur: z
      .string({ error: "Saisissez l’identifiant." })
      .transform(normalizeIdentifiant)
      .pipe(z.string().min(1, "Saisissez l’identifiant.").max(20, "20 caractères au maximum.")),
    demarcheId: uuid("Choisissez la démarche qui a besoin de cet identifiant."),
  })
  .superRefine((value, context) => {
    if (!identifiantValid(value.type, value.valeur)) {
      context.addIssue({
        code: "custom",
        path: ["valeur"],
        message: `Identifiant invalide : ${IDENTIFIANT_TYPES[value.type].hint}.`,
      });
    }
  });

export type IdentifiantInput = z.output<typeof identifiantSchema>;

export const mergeSchema = z.object({
  duplicateId: uuid("Choisissez la fiche en double."),
});

export const eraseSchema = z.object({
  confirmation: z.literal(true, { error: "Cochez la case pour confirmer l’effacement définitif." }),
});

/** The search box: a name, or nothing. */
export const searchSchema = z.object({
  q: text().trim().max(100).optional().catch(undefined),
});

/** The API's search body (a POST: a name never goes in an address). */
export const usagerSearchBody = z.object({
  q: text("Saisissez un nom.")
    .trim()
    .min(2, "Saisissez au moins 2 lettres du nom ou du prénom.")
    .max(100, "100 caractères au maximum."),
});

/**
 * The identifier a reveal or a deletion names: read as sent, so that an unknown one is answered by
 * the use case (the error page), not by a form error.
 */
export const identifiantRefSchema = z.object({ identifiantId: z.string().default("") });
