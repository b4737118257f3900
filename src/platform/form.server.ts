import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { type AppError, ERROR_MESSAGES, isAppError } from "./app-error";
import { strictUrlencoded, strictUtf8 } from "./strict-text";

/**
 * HTML forms, framework-free: parse a submission with its zod schema, run the use case, and describe
 * the refusal (status and body) that `app/form-reply.server.ts` turns into the page's answer.
 */

/**
 * Reads a submitted form. Every form is read here (app/architecture.test.ts checks it): a body that is not
 * UTF-8, raw or percent-escaped, is refused with 400 and a French message (the error page) instead of being
 * stored with replacement characters. The product has no file input, so a multipart body is text too.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const bytes = await request.arrayBuffer();
  const text = strictUtf8(bytes);
  const pairs = text === null ? null : type === "multipart/form-data" ? true : strictUrlencoded(text);
  if (!pairs)
    throw Response.json({ code: "http.invalid_utf8", message: ERROR_MESSAGES["http.invalid_utf8"] }, { status: 400 });
  if (pairs === true)
    return new Response(bytes, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  const form = new FormData();
  for (const [name, value] of pairs) form.append(name, value);
  return form;
}

/** Parses a submitted form with its zod schema. */
export async function parseForm<Schema extends z.ZodType>(request: Request, schema: Schema) {
  const formData = await readFormData(request);
  return { formData, submission: parseWithZod(formData, { schema }) };
}

type ReplyOptions = { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] };
type Submission = { reply: (options?: ReplyOptions) => unknown };

/** A refused submission: status 400 (or the domain error's 4xx), the values typed, one French message per field. */
export type FormFailure<Body = { lastResult: unknown }> = { status: number; body: Body };

export function invalidReply(submission: Submission, options?: ReplyOptions): FormFailure {
  return { status: 400, body: { lastResult: submission.reply(options) } };
}

/** A domain error as a form reply: a field error when it names a field, a form error otherwise. */
function appErrorReply(submission: Submission, error: AppError, hideFields?: string[]): FormFailure {
  return {
    status: error.status >= 400 && error.status < 500 ? error.status : 400,
    body: {
      lastResult: submission.reply(
        error.field
          ? { fieldErrors: { [error.field]: [error.message] }, hideFields }
          : { formErrors: [error.message], hideFields },
      ),
    },
  };
}

/** Runs a use case; domain errors become a form refusal, anything else propagates. */
export async function runUseCase<T>(submission: Submission, work: () => Promise<T>, hideFields?: string[]) {
  try {
    return { ok: true as const, value: await work() };
  } catch (error) {
    if (isAppError(error)) return { ok: false as const, failure: appErrorReply(submission, error, hideFields) };
    throw error;
  }
}

/**
 * Pages with several forms post an `intent`: the refusal carries it back, so that each form shows
 * its own errors and values.
 */
export type IntentFailure = FormFailure<{ intent: string; lastResult: unknown }>;
export type IntentOutcome<Result> = { ok: true; value: Result } | { ok: false; failure: IntentFailure };
export type IntentHandler<Result> = (formData: FormData, intent: string) => Promise<IntentOutcome<Result>>;

export const UNKNOWN_INTENT_MESSAGE = "Action inconnue : rechargez la page et recommencez.";

/**
 * One form of the page: its schema, its use case (called with the parsed values), and the fields
 * never sent back to the browser (a secret typed in the form).
 */
export function formIntent<Schema extends z.ZodType, Result>(
  schema: Schema,
  run: (value: z.output<Schema>) => Promise<Result>,
  options: { hideFields?: string[] } = {},
): IntentHandler<Result> {
  const { hideFields } = options;
  return async (formData, intent) => {
    const submission = parseWithZod(formData, { schema });
    const refused = (failure: FormFailure): IntentOutcome<Result> => ({
      ok: false,
      failure: { status: failure.status, body: { intent, ...failure.body } },
    });
    if (submission.status !== "success")
      return refused(invalidReply(submission, hideFields ? { hideFields } : undefined));
    const result = await runUseCase(submission, () => run(submission.value), hideFields);
    return result.ok ? result : refused(result.failure);
  };
}

type IntentHandlers = Record<string, IntentHandler<unknown>>;
export type IntentResult<Handlers extends IntentHandlers> = {
  [Intent in keyof Handlers]: Handlers[Intent] extends IntentHandler<infer Result> ? Result : never;
}[keyof Handlers];

/** Reads the submission's `intent` and hands it to that form's handler; an unknown intent is refused. */
export async function dispatchIntent<Handlers extends IntentHandlers>(
  request: Request,
  handlers: Handlers,
): Promise<IntentOutcome<IntentResult<Handlers>>> {
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const handler = Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
  if (!handler)
    return {
      ok: false,
      failure: {
        status: 400,
        body: { intent: "inconnue", lastResult: { status: "error", error: { "": [UNKNOWN_INTENT_MESSAGE] } } },
      },
    };
  return (await handler(formData, intent)) as IntentOutcome<IntentResult<Handlers>>;
}
