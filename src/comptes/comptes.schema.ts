import { z } from "zod";

export const emailField = z
  .string({ error: "Saisissez votre adresse électronique." })
  .trim()
  .toLowerCase()
  .max(254, "Adresse électronique trop longue.")
  .pipe(z.email({ error: "Saisissez une adresse électronique valide, par exemple nom@exemple.fr." }));

/** ANSSI recommends length over composition rules: 12 characters minimum. */
export const newPasswordField = z
  .string({ error: "Choisissez un mot de passe." })
  .min(12, "Le mot de passe doit contenir au moins 12 caractères.")
  .max(200, "Le mot de passe doit contenir au plus 200 caractères.");

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ error: "Saisissez votre mot de passe." }).min(1, "Saisissez votre mot de passe.").max(200, "Mot de passe trop long."),
  redirectTo: z.string().optional(),
});
