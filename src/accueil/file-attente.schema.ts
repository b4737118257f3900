import { z } from "zod";
import { text } from "../platform/validation";

/** A waiting-list arrival holds a first name at most: nothing else is ever asked. */
export const PRENOM_MAX = 40;

export const arrivalPrenomSchema = z.object({
  prenom: text("Saisissez le prénom, ou remettez un ticket.")
    .trim()
    .min(1, "Saisissez le prénom, ou remettez un ticket.")
    .max(PRENOM_MAX, `${PRENOM_MAX} caractères au maximum.`),
});
