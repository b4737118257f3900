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
  password: z
    .string({ error: "Saisissez votre mot de passe." })
    .min(1, "Saisissez votre mot de passe.")
    .max(200, "Mot de passe trop long."),
  redirectTo: z.string().optional(),
});

/** The login's second step: a 6-digit TOTP code, or a recovery code ("secours"). */
export const secondFactorSchema = z
  .object({
    mode: z.enum(["totp", "secours"]).default("totp"),
    code: z
      .string({ error: "Saisissez le code." })
      .trim()
      .min(1, "Saisissez le code.")
      .max(40, "Ce code est trop long."),
    redirectTo: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.mode === "totp" && !/^\d{3}\s?\d{3}$/.test(value.code)) {
      ctx.addIssue({
        code: "custom",
        path: ["code"],
        message: "Le code doit comporter 6 chiffres, par exemple 123456.",
      });
    }
  });

/** A TOTP code, to confirm enrolment or to turn the second factor off. */
export const totpCodeSchema = z.object({
  code: z
    .string({ error: "Saisissez le code à 6 chiffres affiché par votre application." })
    .trim()
    .regex(/^\d{3}\s?\d{3}$/, "Le code doit comporter 6 chiffres, par exemple 123456."),
});

export const passwordResetRequestSchema = z.object({ email: emailField });

/**
 * A new password, typed twice (password reset, accepted invitation). A mismatch is reported on the
 * second field, even when the first one is invalid too, so that every message shows at once.
 */
export const newPasswordSchema = z
  .object({
    password: newPasswordField,
    confirmation: z
      .string({ error: "Saisissez à nouveau le mot de passe." })
      .max(200, "Le mot de passe doit contenir au plus 200 caractères."),
  })
  .superRefine(
    (value, ctx) => {
      if (
        typeof value.password === "string" &&
        typeof value.confirmation === "string" &&
        value.password !== value.confirmation
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["confirmation"],
          message: "Les deux mots de passe ne sont pas identiques.",
        });
      }
    },
    { when: () => true },
  );
