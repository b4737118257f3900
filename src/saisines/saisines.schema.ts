import { z } from "zod";
import { text, uuid } from "../platform/validation";
import { PARTENAIRE_KEYS } from "../referentiel/partenaires";
import { MESSAGE_TYPES, URGENCES, USEFULNESS } from "./status";

/**
 * The identification each partner needs, and nothing more (002 art. 5.2.1): stable keys, French
 * labels, one pattern each. A partner absent from this map asks for no identifier.
 */
export const IDENTIFICATION_FIELDS = {
  numero_allocataire: { label: "Numéro allocataire", pattern: /^\d{7}$/, hint: "7 chiffres" },
  date_naissance: { label: "Date de naissance", pattern: /^\d{4}-\d{2}-\d{2}$/, hint: "AAAA-MM-JJ" },
  nir: {
    label: "Numéro de sécurité sociale (NIR)",
    pattern: /^[12]\d{2}(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2A|2B)\d{6}(\d{2})?$/,
    hint: "13 ou 15 caractères",
  },
  numero_fiscal: { label: "Numéro fiscal", pattern: /^[0-3]\d{12}$/, hint: "13 chiffres" },
  identifiant_france_travail: {
    label: "Identifiant France Travail",
    pattern: /^[0-9A-Z]{7,11}$/,
    hint: "7 à 11 caractères",
  },
} as const;
export type IdentificationField = keyof typeof IDENTIFICATION_FIELDS;

export const PARTNER_IDENTIFICATION: Partial<Record<string, readonly IdentificationField[]>> = {
  caf: ["numero_allocataire", "date_naissance"],
  assurance_maladie: ["nir"],
  assurance_retraite: ["nir"],
  msa: ["nir"],
  dgfip: ["numero_fiscal"],
  france_travail: ["identifiant_france_travail"],
};

export function identificationFieldsOf(partnerKey: string): readonly IdentificationField[] {
  return PARTNER_IDENTIFICATION[partnerKey] ?? [];
}

const optionalUuid = z.preprocess((value) => (value === "" ? undefined : value), uuid().optional());
const labelledText = (min: number, max: number, label: string) =>
  text(`Indiquez ${label}.`)
    .trim()
    .min(min, `Indiquez ${label} (${min} caractères au moins).`)
    .max(max, `${max} caractères au plus.`);

export const createSaisineSchema = z
  .object({
    partnerKey: z.enum(PARTENAIRE_KEYS, { error: "Choisissez le partenaire." }),
    objet: labelledText(3, 200, "l’objet"),
    description: labelledText(3, 5000, "la description"),
    urgence: z.enum(URGENCES, { error: "Choisissez le degré d’urgence." }),
    sollicitationId: optionalUuid,
    demarcheId: optionalUuid,
    identification: z.record(z.string(), text().trim().max(30)).default({}),
  })
  .superRefine((value, ctx) => {
    for (const key of identificationFieldsOf(value.partnerKey)) {
      const raw = value.identification[key]?.replace(/\s+/g, "").toUpperCase() ?? "";
      if (raw && !IDENTIFICATION_FIELDS[key].pattern.test(raw))
        ctx.addIssue({
          code: "custom",
          path: ["identification", key],
          message: `${IDENTIFICATION_FIELDS[key].label} invalide (${IDENTIFICATION_FIELDS[key].hint}).`,
        });
    }
  });
export type CreateSaisineInput = z.infer<typeof createSaisineSchema>;

export const postMessageSchema = z
  .object({
    type: z.enum(MESSAGE_TYPES, { error: "Choisissez le type de message." }),
    body: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      text().trim().max(5000, "5 000 caractères au plus.").optional(),
    ),
    targetGroupId: optionalUuid,
    usefulness: z.preprocess((value) => (value === "" ? undefined : value), z.enum(USEFULNESS).optional()),
  })
  .superRefine((value, ctx) => {
    const needsBody = [
      "question",
      "reponse",
      "demande_complement",
      "resolution_proposee",
      "mauvais_interlocuteur",
    ].includes(value.type);
    if (needsBody && !value.body) ctx.addIssue({ code: "custom", path: ["body"], message: "Écrivez votre message." });
    if (value.type === "mauvais_interlocuteur" && !value.targetGroupId)
      ctx.addIssue({
        code: "custom",
        path: ["targetGroupId"],
        message: "Choisissez le groupe à qui transmettre la saisine.",
      });
    if (value.type === "cloture" && !value.usefulness)
      ctx.addIssue({ code: "custom", path: ["usefulness"], message: "Dites si la saisine a été utile." });
  });
export type PostMessageInput = z.infer<typeof postMessageSchema>;

export const referentGroupSchema = z.object({
  departement: z.string().regex(/^(\d{2}|2A|2B|97\d)$/, "Département invalide."),
  partnerKey: z.enum(PARTENAIRE_KEYS, { error: "Choisissez le partenaire." }),
  nom: labelledText(3, 150, "le nom du groupe"),
  mailbox: z.email("Adresse électronique invalide."),
  emergencyPhones: z.preprocess((value) => (value === "" ? undefined : value), text().trim().max(300).optional()),
  instructions: z.preprocess((value) => (value === "" ? undefined : value), text().trim().max(2000).optional()),
  coversWholeDepartement: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
  structureIds: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(uuid()),
  ),
  firstAnswerDays: z.coerce.number().int().min(1, "1 jour au moins.").max(30, "30 jours au plus.").default(3),
  resolutionDays: z.coerce.number().int().min(1, "1 jour au moins.").max(120, "120 jours au plus.").default(15),
});
export type ReferentGroupInput = z.infer<typeof referentGroupSchema>;
