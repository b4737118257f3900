import { z } from "zod";

/** A waiting-list arrival holds a first name at most: nothing else is ever asked. */
export const PRENOM_MAX = 40;

export const arrivalPrenomSchema = z.object({
  prenom: z
    .string({ error: "Saisissez le prénom, ou remettez un ticket." })
    .trim()
    .min(1, "Saisissez le prénom, ou remettez un ticket.")
    .max(PRENOM_MAX, `${PRENOM_MAX} caractères au maximum.`),
});
