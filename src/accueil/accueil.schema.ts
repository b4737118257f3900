import { z } from "zod";
import { DUPLICATE_CHOICE_MESSAGE, distinct, isoDateTime, text, uuid } from "../platform/validation";
import { TYPE_AIDE_KEYS } from "../referentiel/aides";
import { SITUATION_KEYS, situationPartnersOf } from "../referentiel/bouquet";
import { PARTENAIRE_KEYS } from "../referentiel/partenaires";
import {
  AUTONOMIES,
  CANAUX,
  CANAUX_AVEC_RDV,
  CANAUX_PRESENTIELS,
  EQUIPEMENTS,
  GENRES,
  ISSUES,
  SIGNALEMENTS,
  TRANCHES_AGE,
} from "./accueil.labels";

const enumOf = <T extends Record<string, string>>(labels: T, message: string) =>
  z.enum(Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]], { error: message });

/** Checkbox groups and multi-selects arrive as one string or several: always an array, each value once. */
const list = <T extends z.ZodType>(item: T, max: number, min?: { count: number; message: string }) =>
  z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
    (min
      ? z.array(item).min(min.count, min.message).max(max, `${max} choix au plus.`)
      : z.array(item).max(max, `${max} choix au plus.`)
    ).refine(distinct, DUPLICATE_CHOICE_MESSAGE),
  );

/** No France Services record predates the network's first labels; older dates are typing errors. */
const EARLIEST_PASSAGE = new Date("2015-01-01T00:00:00Z");

const PARTNERISH_ISSUES = ["oriente_partenaire", "rdv_partenaire", "a_escalader"];

export const sollicitationSchema = z
  .object({
    partenaires: list(z.enum(PARTENAIRE_KEYS as [string, ...string[]], { error: "Partenaire inconnu." }), 12),
    partenairesLocaux: list(uuid("Partenaire local inconnu."), 5),
    horsPartenaires: z.boolean({ error: "Valeur invalide." }).default(false),
    situations: list(z.enum(SITUATION_KEYS as [string, ...string[]], { error: "Situation inconnue." }), 10),
    aides: list(z.enum(TYPE_AIDE_KEYS as [string, ...string[]], { error: "Type d’aide inconnu." }), 5, {
      count: 1,
      message: "Choisissez au moins un type d’aide.",
    }),
    autonomie: enumOf(AUTONOMIES, "Indiquez l’autonomie numérique de l’usager."),
    issue: enumOf(ISSUES, "Indiquez l’issue de la demande."),
    precision: text("Texte invalide.")
      .trim()
      .max(200, "200 caractères au maximum.")
      .optional()
      .transform((value) => (value ? value : null)),
    signalements: list(enumOf(SIGNALEMENTS, "Signalement inconnu."), 5),
  })
  .superRefine((value, context) => {
    const partnerCount = value.partenaires.length + value.partenairesLocaux.length;
    if (value.horsPartenaires && partnerCount > 0) {
      context.addIssue({
        code: "custom",
        path: ["partenaires"],
        message: "Une demande « hors partenaires » ne peut pas avoir de partenaire.",
      });
    }
    if (!value.horsPartenaires && partnerCount === 0) {
      context.addIssue({
        code: "custom",
        path: ["partenaires"],
        message: "Choisissez au moins un partenaire, ou « hors partenaires ».",
      });
    }
    if (!value.horsPartenaires && value.situations.length === 0) {
      context.addIssue({
        code: "custom",
        path: ["situations"],
        message: "Choisissez au moins une situation du bouquet de services.",
      });
    }
    if (value.horsPartenaires && PARTNERISH_ISSUES.includes(value.issue)) {
      context.addIssue({ code: "custom", path: ["issue"], message: "Cette issue suppose un partenaire." });
    }
    const anyLocal = value.partenairesLocaux.length > 0 && !value.horsPartenaires;
    for (const situation of value.situations) {
      const partners = situationPartnersOf(situation);
      if (partners.length > 0 && !anyLocal && !partners.some((partner) => value.partenaires.includes(partner))) {
        context.addIssue({
          code: "custom",
          path: ["situations"],
          message: "Cette situation ne relève d’aucun des partenaires choisis.",
        });
        break;
      }
    }
  });

export const passageSchema = z
  .object({
    structureId: uuid("Structure inconnue.").optional(),
    // The CLI and the demo pass a Date; forms and the API an ISO 8601 text, read strictly.
    debut: z
      .preprocess(
        (value) => (value instanceof Date ? value.toISOString() : value),
        isoDateTime("Date et heure invalides."),
      )
      .optional(),
    dureeMinutes: z.coerce
      .number({ error: "Saisissez une durée en minutes." })
      .int("Saisissez un nombre entier de minutes.")
      .min(1, "La durée est d’au moins 1 minute.")
      .max(480, "La durée est de 480 minutes au plus.")
      .optional(),
    canal: enumOf(CANAUX, "Choisissez le canal.").default("accueil_physique"),
    avecRdv: z.boolean({ error: "Valeur invalide." }).default(false),
    trancheAge: enumOf(TRANCHES_AGE, "Tranche d’âge inconnue.").optional(),
    genre: enumOf(GENRES, "Genre inconnu.").optional(),
    communeResidence: z
      .string({ error: "Code commune invalide." })
      .trim()
      .toUpperCase()
      .regex(/^(\d{5}|2[AB]\d{3})$/, "Le code INSEE comporte 5 caractères, par exemple 57631.")
      .optional(),
    premiereVisite: z.boolean({ error: "Valeur invalide." }).optional(),
    equipements: list(enumOf(EQUIPEMENTS, "Équipement inconnu."), 4),
    sollicitations: z
      .array(sollicitationSchema, { error: "Ajoutez au moins une demande." })
      .min(1, "Ajoutez au moins une demande.")
      .max(20, "20 demandes au plus par passage."),
  })
  .superRefine((value, context) => {
    if (value.equipements.length > 0 && !(CANAUX_PRESENTIELS as readonly string[]).includes(value.canal)) {
      context.addIssue({
        code: "custom",
        path: ["equipements"],
        message: "Les équipements ne s’utilisent que sur place ou hors les murs.",
      });
    }
    if (value.avecRdv && !(CANAUX_AVEC_RDV as readonly string[]).includes(value.canal)) {
      context.addIssue({ code: "custom", path: ["avecRdv"], message: "Un rendez-vous n’a pas de sens pour ce canal." });
    }
    // A refused debut is still a text here: only a parsed instant is checked further.
    if (value.debut instanceof Date && value.debut.getTime() < EARLIEST_PASSAGE.getTime()) {
      context.addIssue({
        code: "custom",
        path: ["debut"],
        message: "La date du passage doit être postérieure au 1er janvier 2015.",
      });
    }
    if (value.debut instanceof Date && value.debut.getTime() > Date.now() + 5 * 60_000) {
      context.addIssue({ code: "custom", path: ["debut"], message: "Le passage ne peut pas commencer dans le futur." });
    }
  });

export type PassageInput = z.output<typeof passageSchema>;
export type SollicitationInput = z.output<typeof sollicitationSchema>;
