import { z } from "zod";
import { ERROR_MESSAGES } from "../platform/app-error";
import { isUuid } from "../platform/validation";
import { DIMENSIONS } from "./labels";
import { type Period, parseReportPeriod } from "./period";

/**
 * The one schema of a report request, `{ niveau, id, periode, format, dimension }`, shared by the
 * export route (/pilotage/export), the API (/api/v1/reports) and the CLI (`guichet report`).
 */
export const REPORT_LEVELS = ["structure", "departement", "national"] as const;
export const REPORT_FORMATS = ["json", "csv", "xlsx", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The tables of a report other than the breakdowns, which a CSV export can also hold. */
export const REPORT_EXTRA_TABLES = [
  "synthese",
  "evolution_mois",
  "evolution_semaine",
  "structures",
  "departements",
  "formats",
  "saisines",
] as const;
export const REPORT_TABLE_KEYS = [
  ...(Object.keys(DIMENSIONS) as Array<keyof typeof DIMENSIONS>),
  ...REPORT_EXTRA_TABLES,
] as const;
export type ReportTableKey = (typeof REPORT_TABLE_KEYS)[number];

const DEPARTEMENT = /^(\d{2}|2A|2B|97\d)$/;

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** "2026-Q3", "2026", "2026-09", "2026-W38", "2026-09-15" or "2026-01-01..2026-03-31", read into a Period. */
export const reportPeriodSchema = z
  .string({ error: "Indiquez la période." })
  .trim()
  .max(40, ERROR_MESSAGES["pilotage.period_invalid"])
  .transform((value, context): Period => {
    const period = parseReportPeriod(value);
    if (!period) {
      context.addIssue({ code: "custom", message: ERROR_MESSAGES["pilotage.period_invalid"] });
      return z.NEVER;
    }
    return period;
  });

/** The report's scope id, normalized: none for the national level; the refinement requires it for the others. */
function scopeId(level: (typeof REPORT_LEVELS)[number], id: string | undefined): string | null {
  if (level === "national") return null;
  if (!id) throw new Error(`A ${level} report request reached its transform without an id.`);
  return level === "departement" ? id.toUpperCase() : id.toLowerCase();
}

export const reportRequestSchema = z
  .object({
    niveau: z.preprocess(
      emptyToUndefined,
      z.enum(REPORT_LEVELS, { error: "Choisissez le niveau : structure, departement ou national." }),
    ),
    id: z.preprocess(
      emptyToUndefined,
      z.string({ error: "Identifiant invalide." }).trim().max(64, "Identifiant invalide.").optional(),
    ),
    periode: z.preprocess(emptyToUndefined, reportPeriodSchema),
    format: z.preprocess(
      emptyToUndefined,
      z.enum(REPORT_FORMATS, { error: "Format inconnu : pdf, xlsx, csv ou json." }).default("json"),
    ),
    dimension: z.preprocess(emptyToUndefined, z.enum(REPORT_TABLE_KEYS, { error: "Répartition inconnue." }).optional()),
  })
  .superRefine((value, context) => {
    if (value.niveau === "structure" && !(value.id && isUuid(value.id))) {
      context.addIssue({ code: "custom", path: ["id"], message: "Indiquez l’identifiant (UUID) de la structure." });
    }
    if (value.niveau === "departement" && !(value.id && DEPARTEMENT.test(value.id.toUpperCase()))) {
      context.addIssue({
        code: "custom",
        path: ["id"],
        message: "Indiquez le code du département, par exemple 57 ou 2A.",
      });
    }
  })
  .transform((value) => ({
    level: value.niveau,
    id: scopeId(value.niveau, value.id),
    period: value.periode,
    format: value.format,
    dimension: value.dimension ?? null,
  }));

export type ReportRequest = z.output<typeof reportRequestSchema>;

export type ParsedReportRequest =
  | { ok: true; request: ReportRequest }
  | { ok: false; message: string; fields: Record<string, string[]> };

/** Reads a request from query parameters (or CLI options); one French message per field at fault. */
export function parseReportRequest(input: URLSearchParams | Record<string, unknown>): ParsedReportRequest {
  const values =
    input instanceof URLSearchParams
      ? Object.fromEntries(
          ["niveau", "id", "periode", "format", "dimension"].map((key) => [key, input.get(key) ?? undefined]),
        )
      : input;
  const parsed = reportRequestSchema.safeParse(values);
  if (parsed.success) return { ok: true, request: parsed.data };
  const fields = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
  const message = Object.values(fields)
    .flat()
    .filter((text, index, all) => all.indexOf(text) === index)
    .join(" ");
  return { ok: false, message: message || ERROR_MESSAGES["validation.failed"], fields };
}

/** "guichet-structure-<id>-2026-Q3.pdf": ASCII only, nothing a header could misread. */
export function reportFilename(request: Pick<ReportRequest, "level" | "id" | "period">, extension: string): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, "_");
  const periode = request.period.code.replace("..", "_au_");
  return `guichet-${request.level}-${safe(request.id ?? "france")}-${safe(periode)}.${extension}`;
}
