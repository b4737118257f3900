import { z } from "zod";

/**
 * The validation rules every form schema, the API and the CLI share. No server-only import here:
 * the schemas run in the browser too.
 */

/**
 * A UUID field, in the form PostgreSQL's uuid type reads: 8-4-4-4-12 hexadecimal digits, either case
 * (zod's `guid`; its `uuid` would also demand an RFC 9562 version). `message` answers a missing value
 * as well as a malformed one.
 */
export function uuid(message = "Identifiant invalide.") {
  return z.guid({ error: message });
}

const anyUuid = uuid();

/** For ids taken from an address, a header or the CLI: anything else is "not found", never a database error. */
export function isUuid(value: unknown): value is string {
  return anyUuid.safeParse(value).success;
}

export const NUL_CHARACTER_MESSAGE = "Ce texte contient un caractère non autorisé.";

/**
 * Every free-text field: a string without NUL character, which PostgreSQL text cannot hold. `message`
 * answers a missing or non-text value; length and trimming are the caller's, chained as on `z.string()`.
 */
export function text(message?: string) {
  return z
    .string(message === undefined ? undefined : { error: message })
    .refine((value) => !value.includes("\u0000"), NUL_CHARACTER_MESSAGE);
}

/**
 * An idempotency key (the passage form's hidden field, the API's Idempotency-Key header): 1 to 200
 * letters, digits, "_" or "-". The database allows 1 to 200 characters of any kind.
 */
export const idempotencyKeySchema = z.string().regex(/^[\w-]{1,200}$/);

export const DUPLICATE_CHOICE_MESSAGE = "Chaque choix ne peut figurer qu’une fois.";

/**
 * A checkbox group or a list of keys is a set: the same value twice is refused (a form sent twice over, a
 * hand-made request), never reinterpreted nor left to a unique key of the database. Chain as `.refine(distinct, …)`.
 */
export function distinct(items: readonly unknown[]): boolean {
  return new Set(items).size === items.length;
}

export const DATE_FORMAT_MESSAGE = "Saisissez une date au format JJ/MM/AAAA.";
export const DATE_DOES_NOT_EXIST_MESSAGE = "Cette date n’existe pas.";
export const DATE_RANGE_MESSAGE = "Saisissez une date comprise entre 1900 et 2100.";

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Why an ISO day is refused: "format", "missing" (2026-02-30), "range" (outside 1900-2100), or null. */
export function isoDayProblem(value: string): "format" | "missing" | "range" | null {
  const match = ISO_DAY.exec(value);
  if (!match) return "format";
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > daysInMonth) return "missing";
  return year < 1900 || year > 2100 ? "range" : null;
}

/** Why an ISO 8601 date-time with offset is refused, like isoDayProblem (25:00 or +15:00 do not exist). */
export function isoDateTimeProblem(value: string): "format" | "missing" | "range" | null {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return "format";
  const dayProblem = isoDayProblem(match[1]);
  if (dayProblem) return dayProblem;
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  const offsetHours = Number(match[6] ?? 0);
  const offsetMinutes = Number(match[7] ?? 0);
  return hours > 23 || minutes > 59 || seconds > 59 || offsetHours > 14 || offsetMinutes > 59 ? "missing" : null;
}

function dateRefinement(problemOf: (value: string) => "format" | "missing" | "range" | null, formatMessage: string) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = problemOf(value);
    if (problem === null) return;
    const message =
      problem === "format" ? formatMessage : problem === "missing" ? DATE_DOES_NOT_EXIST_MESSAGE : DATE_RANGE_MESSAGE;
    ctx.addIssue({ code: "custom", message });
  };
}

/**
 * A day, strictly "YYYY-MM-DD" (what date inputs send): an impossible day is refused as such ("Cette date
 * n'existe pas"), never rolled over to the next month; years outside 1900-2100 are typing mistakes.
 */
export function isoDay(formatMessage = DATE_FORMAT_MESSAGE) {
  return z.string({ error: formatMessage }).trim().superRefine(dateRefinement(isoDayProblem, formatMessage));
}

/** An instant, strictly ISO 8601 with seconds optional and an offset ("Z" or "+01:00"), read as a Date. */
export function isoDateTime(formatMessage: string) {
  return z
    .string({ error: formatMessage })
    .trim()
    .superRefine(dateRefinement(isoDateTimeProblem, formatMessage))
    .transform((value) => new Date(value));
}
