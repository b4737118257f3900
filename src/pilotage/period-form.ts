import { z } from "zod";
import { isIsoDay } from "../platform/time";
import { dayCount, MAX_CUSTOM_DAYS, type Period } from "./period";

/** The kinds of period the dashboards' period form offers, with their labels. */
export const PERIOD_KINDS = {
  jour: "Jour",
  semaine: "Semaine",
  mois: "Mois",
  trimestre: "Trimestre",
  annee: "Année",
  personnalise: "Période personnalisée",
} as const satisfies Record<Period["kind"], string>;

export type PeriodFormValues = { type: string; date: string; du: string; au: string };
export type PeriodFormErrors = Partial<Record<keyof PeriodFormValues, string>>;

const DATE_MESSAGE = "Indiquez un jour compris dans la période, au format JJ/MM/AAAA.";

/** The period form (GET): a kind, a day inside the wanted period, or two days for a custom period. */
export const periodFormSchema = z
  .object({
    type: z.enum(Object.keys(PERIOD_KINDS) as [Period["kind"], ...Period["kind"][]], {
      error: "Choisissez le type de période.",
    }),
    date: z.string().trim().optional(),
    du: z.string().trim().optional(),
    au: z.string().trim().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.type !== "personnalise") {
      if (!value.date || !isIsoDay(value.date)) ctx.addIssue({ code: "custom", path: ["date"], message: DATE_MESSAGE });
      return;
    }
    const du = value.du && isIsoDay(value.du) ? value.du : null;
    const au = value.au && isIsoDay(value.au) ? value.au : null;
    if (!du) ctx.addIssue({ code: "custom", path: ["du"], message: "Indiquez la date de début au format JJ/MM/AAAA." });
    if (!au) ctx.addIssue({ code: "custom", path: ["au"], message: "Indiquez la date de fin au format JJ/MM/AAAA." });
    if (!du || !au) return;
    if (au < du) {
      ctx.addIssue({
        code: "custom",
        path: ["au"],
        message: "La date de fin doit être le même jour que la date de début ou après.",
      });
    } else if (dayCount(du, au) > MAX_CUSTOM_DAYS) {
      ctx.addIssue({ code: "custom", path: ["au"], message: "Une période personnalisée couvre au plus trois ans." });
    }
  });
