import { z } from "zod";
import { text, uuid } from "../platform/validation";
import { passageSchema } from "./accueil.schema";

/**
 * The forms of the accueil besides the passage itself (src/accueil/accueil.schema.ts): adding
 * demands to a recorded passage, and deleting one. Shared by the browser and the actions.
 */
/** A passage may be corrected or deleted for 30 days after its start, by its author or a responsable of its structure. */
export const CORRECTION_WINDOW_DAYS = 30;
export const DELETION_REASON_MIN = 3;
export const DELETION_REASON_MAX = 500;

/** "Another demand of the same person": sollicitations added to an existing passage. */
export const ajoutSollicitationsSchema = z.object({
  passageId: uuid("Passage inconnu."),
  sollicitations: passageSchema.shape.sollicitations,
});

const motifMessage = `Indiquez le motif de la suppression, en ${DELETION_REASON_MIN} à ${DELETION_REASON_MAX} caractères.`;

/** Deleting a passage needs a reason (kept with the row, never in the journal). */
export const suppressionSchema = z.object({
  motif: text(motifMessage)
    .trim()
    .refine(
      (value) => [...value].length >= DELETION_REASON_MIN && [...value].length <= DELETION_REASON_MAX,
      motifMessage,
    ),
});

export type AjoutSollicitationsInput = z.output<typeof ajoutSollicitationsSchema>;
