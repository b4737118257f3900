import { z } from "zod";
import { isRole, ROLES } from "../acces/roles";
import { emailField } from "../auth/auth.schema";
import { isoDay, text, uuid } from "../platform/validation";
import { isPartenaireNational } from "../referentiel/partenaires";
import { isDepartementRole, isStructureRole } from "./grant-scope";

/**
 * Forms of the team pages: invite someone, add or end a role. Accepting an invitation uses
 * `newPasswordSchema` (comptes.schema.ts).
 * Shared by the browser (conform) and the actions; no server-only import here.
 */

const personName = (missing: string) => text(missing).trim().min(1, missing).max(100, "100 caractères au maximum.");

/** The fields that say which role is granted where and when. */
const roleScopeFields = {
  role: z.enum(ROLES, { error: "Choisissez un rôle dans la liste." }),
  structureId: uuid("Choisissez une structure dans la liste.").optional(),
  departement: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(\d{2}|2A|2B|97\d)$/, "Choisissez un département dans la liste.")
    .optional(),
  partnerKey: z.string().refine(isPartenaireNational, "Choisissez un partenaire dans la liste.").optional(),
  startsOn: isoDay("Saisissez une date de début valide, par exemple 01/09/2025."),
  endsOn: isoDay("Saisissez une date de fin valide, par exemple 31/08/2026.").optional(),
};

type ScopeValues = {
  role?: unknown;
  structureId?: unknown;
  departement?: unknown;
  partnerKey?: unknown;
  startsOn?: unknown;
  endsOn?: unknown;
};

/** Each role needs its own scope field; the end date cannot precede the start date. */
function checkRoleScope(value: ScopeValues, ctx: z.RefinementCtx) {
  const role = typeof value.role === "string" && isRole(value.role) ? value.role : null;
  if (role && isStructureRole(role) && !value.structureId) {
    ctx.addIssue({ code: "custom", path: ["structureId"], message: "Choisissez la structure où ce rôle s’exerce." });
  }
  if (role && isDepartementRole(role) && !value.departement) {
    ctx.addIssue({ code: "custom", path: ["departement"], message: "Choisissez le département où ce rôle s’exerce." });
  }
  if (role === "referent" && !value.partnerKey) {
    ctx.addIssue({ code: "custom", path: ["partnerKey"], message: "Choisissez le partenaire du référent." });
  }
  if (typeof value.startsOn === "string" && typeof value.endsOn === "string" && value.endsOn < value.startsOn) {
    ctx.addIssue({
      code: "custom",
      path: ["endsOn"],
      message: "La date de fin doit être égale ou postérieure à la date de début.",
    });
  }
}

/** Runs the cross-field checks even when another field is invalid, so every message shows at once. */
const always = { when: () => true };

export const inviteSchema = z
  .object({
    prenom: personName("Saisissez le prénom."),
    nom: personName("Saisissez le nom."),
    email: emailField,
    ...roleScopeFields,
  })
  .superRefine(checkRoleScope, always);

export type InviteInput = z.output<typeof inviteSchema>;

export const addRoleSchema = z
  .object({ intent: z.literal("ajouter"), ...roleScopeFields })
  .superRefine(checkRoleScope, always);

export const endRoleSchema = z.object({
  intent: z.literal("terminer"),
  assignmentId: uuid("Rôle inconnu."),
  endsOn: isoDay("Saisissez une date de fin valide, par exemple 31/08/2026."),
});
