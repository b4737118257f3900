import { data } from "react-router";
import { isAppError } from "../../../src/platform/app-error";
import { parisClock, parisDay, parisInstant } from "../../../src/platform/time";

/**
 * What the accueil's HTML forms need on top of the shared schemas: the start time typed as Paris
 * wall-clock time (a datetime-local field), and domain errors turned into messages the page shows.
 */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/;

/** "2026-03-29T02:30" in Paris → the instant; null when it is not a well-formed local date and time. */
export function parisLocalToInstant(value: string): Date | null {
  const match = LOCAL_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [, day, hours, minutes] = match;
  const check = new Date(`${day}T00:00:00Z`);
  if (
    Number.isNaN(check.getTime()) ||
    check.toISOString().slice(0, 10) !== day ||
    Number(hours) > 23 ||
    Number(minutes) > 59
  )
    return null;
  return parisInstant(day, Number(hours) * 60 + Number(minutes));
}

/** The value of a datetime-local field showing an instant in Paris time ("2026-11-22T14:05"). */
export function instantToParisLocal(instant: Date): string {
  return `${parisDay(instant)}T${parisClock(instant)}`;
}

/**
 * Prepares a submitted passage form for the shared schema: the `debutLocal` field (Paris time)
 * becomes `debut` (an instant); anything unreadable is passed on as typed, for zod's message.
 */
export function withStartInstant(formData: FormData): FormData {
  const local = formData.get("debutLocal");
  formData.delete("debut");
  if (typeof local === "string" && local.trim() !== "") {
    formData.set("debut", parisLocalToInstant(local)?.toISOString() ?? local);
  }
  return formData;
}

type Submission = { reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => unknown };

/**
 * Runs a use case for a form. A domain error becomes a message on the field it names when the
 * form has that field, at the top of the form otherwise (never a 500, never a lost value). The
 * error answer carries `extra` beside `lastResult` (which form of the page it belongs to).
 */
export async function runAccueilForm<T, Extra extends Record<string, unknown> = Record<string, never>>(
  submission: Submission,
  fields: readonly string[],
  work: () => Promise<T>,
  extra?: Extra,
) {
  try {
    return { ok: true as const, value: await work() };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const reply =
      error.field && fields.includes(error.field)
        ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
        : submission.reply({ formErrors: [error.message] });
    const status = error.status >= 400 && error.status < 500 ? error.status : 400;
    return { ok: false as const, response: data({ ...(extra as Extra), lastResult: reply }, { status }) };
  }
}
