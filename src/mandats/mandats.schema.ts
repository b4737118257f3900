import { z } from "zod";
import { DONNEE_KEYS } from "../donnees-personnelles/mandats.labels";
import { parisDay } from "../platform/time";
import { isoDay, text, uuid } from "../platform/validation";

/** Checkbox groups arrive as one string or several: always an array. */
const list = <T extends z.ZodType>(item: T, max: number, message: string) =>
  z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(item).min(1, message).max(max, `${max} choix au plus.`),
  );

const pastDay = (message: string) =>
  isoDay(message).refine((value) => value <= parisDay(), "Cette date ne peut pas être dans le futur.");

export const createMandatSchema = z.object({
  usagerId: uuid("Choisissez l’usager."),
  demarches: list(uuid("Démarche inconnue."), 20, "Choisissez au moins une démarche couverte par le mandat."),
  donnees: list(
    z.enum(DONNEE_KEYS, { error: "Catégorie de données inconnue." }),
    DONNEE_KEYS.length,
    "Choisissez au moins une catégorie de données personnelles autorisée.",
  ),
  identifiantsConnexion: z.boolean({ error: "Valeur invalide." }).default(false),
  lieu: text("Saisissez le lieu de signature.")
    .trim()
    .min(2, "Saisissez le lieu de signature.")
    .max(100, "100 caractères au maximum."),
  identiteVerifiee: z.literal(true, {
    error:
      "Confirmez avoir vérifié l’identité de l’usager et l’avoir informé de l’usage de ses données et de ses droits.",
  }),
});

export type CreateMandatInput = z.output<typeof createMandatSchema>;

export const signatureSchema = z.object({ signedOn: pastDay("Saisissez la date de signature.") });

export const renewSchema = z.object({ renewedOn: pastDay("Saisissez la date du renouvellement.") });

export const revokeSchema = z.object({
  revokedOn: pastDay("Saisissez la date de la révocation.")
    .nullish()
    .transform((value) => value ?? parisDay()),
  motif: text("Indiquez le motif de la révocation.")
    .trim()
    .min(3, "Indiquez le motif de la révocation, en 3 à 500 caractères.")
    .max(500, "500 caractères au maximum."),
  /** One démarche only (partial revocation), or the whole mandate. */
  demarcheId: z
    .uuid({ error: "Démarche inconnue." })
    .nullish()
    .transform((value) => value ?? null),
});

export type RevokeInput = z.output<typeof revokeSchema>;
