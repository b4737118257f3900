import { z } from "zod";
import { ACTION_NATURE_KEYS, DEMARCHE_STATUT_KEYS, PIECE_ETAT_KEYS } from "../donnees-personnelles/demarches.labels";
import { DATE_DOES_NOT_EXIST_MESSAGE, isoDay, isoDayProblem, isUuid, text, uuid } from "../platform/validation";
import { SITUATION_KEYS } from "../referentiel/bouquet";
import { isPartenaireNational } from "../referentiel/partenaires";

const optionalText = (max: number) =>
  text("Saisissez du texte.")
    .trim()
    .max(max, `${max} caractères au maximum.`)
    .nullish()
    .transform((value) => (value ? value : null));

const optionalDay = isoDay()
  .nullish()
  .transform((value) => value ?? null);

/**
 * Notes are for the follow-up only: nothing sensitive (health, opinions, offences…), never a
 * password or a social security number. The obvious cases are refused outright.
 */
const SENSITIVE_PATTERNS = [
  /mot\s+de\s+passe|\bmdp\b|password|identifiant\s+de\s+connexion/i,
  /\b[12]\s?\d{2}\s?\d{2}\s?(\d{2}|2A|2B)\s?\d{3}\s?\d{3}(\s?\d{2})?\b/i,
];

export function looksSensitive(text: string): boolean {
  return SENSITIVE_PATTERNS.some((pattern) => pattern.test(text));
}

const notes = text("Saisissez du texte.")
  .trim()
  .max(2000, "2 000 caractères au maximum.")
  .refine(
    (value) => !looksSensitive(value),
    "Ne notez ni mot de passe, ni identifiant de connexion, ni numéro de sécurité sociale : ils n’ont pas leur place dans les notes.",
  )
  .nullish()
  .transform((value) => (value ? value : null));

/** "caf" (national partner) or "local:<uuid>" (local partner), or nothing. */
const partenaire = z
  .string({ error: "Choisissez un partenaire de la liste." })
  .trim()
  .refine(
    (value) => value === "" || isPartenaireNational(value) || (value.startsWith("local:") && isUuid(value.slice(6))),
    "Choisissez un partenaire de la liste.",
  )
  .nullish()
  .transform((value) =>
    !value
      ? { partnerKey: null, partenaireLocalId: null }
      : value.startsWith("local:")
        ? { partnerKey: null, partenaireLocalId: value.slice(6) }
        : { partnerKey: value, partenaireLocalId: null },
  );

/** One piece a line in the textarea (or an array from the API). */
const pieceList = z.preprocess(
  (value) => (value === undefined || value === null ? [] : typeof value === "string" ? value.split(/\r?\n/) : value),
  z
    .array(text("Saisissez le nom de la pièce.").trim())
    .transform((items) => items.filter(Boolean))
    .pipe(
      z
        .array(
          z
            .string()
            .min(2, "Chaque pièce a un nom d’au moins 2 caractères.")
            .max(200, "200 caractères au maximum par pièce."),
        )
        .max(30, "30 pièces au plus."),
    ),
);

export const createDemarcheSchema = z.object({
  usagerId: uuid("Choisissez l’usager."),
  titre: text("Saisissez l’intitulé de la démarche.")
    .trim()
    .min(3, "L’intitulé doit contenir au moins 3 caractères.")
    .max(200, "200 caractères au maximum."),
  partenaire,
  situationKey: z
    .enum(SITUATION_KEYS as [string, ...string[]], { error: "Choisissez une situation du bouquet de services." })
    .nullish()
    .transform((value) => value ?? null),
  pourLeCompte: z.boolean({ error: "Valeur invalide." }).default(false),
  prochaineEtape: optionalText(200),
  prochaineEtapeLe: optionalDay,
  pieces: pieceList,
  notes,
});

export type CreateDemarcheInput = z.output<typeof createDemarcheSchema>;

export const suiviSchema = z.object({
  statut: z.enum(DEMARCHE_STATUT_KEYS, { error: "Choisissez le statut." }),
  agentId: uuid("Choisissez l’agent en charge."),
  prochaineEtape: optionalText(200),
  prochaineEtapeLe: optionalDay,
  notes,
  remarquesTransmission: optionalText(1000),
});

export type SuiviInput = z.output<typeof suiviSchema>;

export const piecesSchema = z.object({
  pieces: z
    .array(
      z.object({
        id: uuid("Pièce inconnue."),
        etat: z.enum(PIECE_ETAT_KEYS, { error: "Choisissez l’état de la pièce." }),
      }),
    )
    .max(30, "30 pièces au plus."),
});

export const addPieceSchema = z.object({
  libelle: text("Saisissez le nom de la pièce.")
    .trim()
    .min(2, "Le nom de la pièce contient au moins 2 caractères.")
    .max(200, "200 caractères au maximum."),
});

export const pieceIdSchema = z.object({ pieceId: uuid("Pièce inconnue.") });

export const passageLinkSchema = z.object({ passageId: uuid("Choisissez un passage de la liste.") });

export const actionSchema = z.object({
  nature: z.enum(ACTION_NATURE_KEYS, { error: "Choisissez ce que vous avez fait pour le compte de l’usager." }),
});

export const rendezVousSchema = z.object({
  rdvAt: z
    .string({ error: "Saisissez la date et l’heure du rendez-vous." })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Saisissez la date et l’heure du rendez-vous.")
    .refine((value) => isoDayProblem(value.slice(0, 10)) === null, DATE_DOES_NOT_EXIST_MESSAGE),
  rdvLieu: text("Saisissez le lieu du rendez-vous.")
    .trim()
    .min(3, "Saisissez le lieu du rendez-vous.")
    .max(300, "300 caractères au maximum."),
  rdvInterlocuteur: text("Saisissez le nom de la personne rencontrée.")
    .trim()
    .min(2, "Saisissez le nom de la personne rencontrée.")
    .max(150, "150 caractères au maximum."),
  rdvContact: optionalText(200),
  rdvRemarques: optionalText(1000),
});

export type RendezVousInput = z.output<typeof rendezVousSchema>;

/** The completeness button carries nothing but its intent. */
export const completSchema = z.object({ intent: z.literal("complet") });
