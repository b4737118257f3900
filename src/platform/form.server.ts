import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import type { z } from "zod";
import { type AppError, isAppError } from "./app-error";

/**
 * Parses a submitted form with its zod schema. On failure the caller returns `invalid(submission)`:
 * status 400, the values the user typed, and one French message per field.
 */
export async function parseForm<Schema extends z.ZodType>(request: Request, schema: Schema) {
  const formData = await request.formData();
  return { formData, submission: parseWithZod(formData, { schema }) };
}

type Submission = {
  reply: (options?: {
    formErrors?: string[];
    fieldErrors?: Record<string, string[]>;
    hideFields?: string[];
  }) => unknown;
};

export function invalid(
  submission: Submission,
  options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] },
) {
  return data({ lastResult: submission.reply(options) }, { status: 400 });
}

/** Turns a domain error into a form reply: a field error when it names a field, a form error otherwise. */
export function replyWithAppError(submission: Submission, error: AppError, hideFields?: string[]) {
  return data(
    {
      lastResult: submission.reply(
        error.field
          ? { fieldErrors: { [error.field]: [error.message] }, hideFields }
          : { formErrors: [error.message], hideFields },
      ),
    },
    { status: error.status >= 400 && error.status < 500 ? error.status : 400 },
  );
}

/** Runs a use case; domain errors become a form reply, anything else propagates. */
export async function runForForm<T>(submission: Submission, work: () => Promise<T>, hideFields?: string[]) {
  try {
    return { ok: true as const, value: await work() };
  } catch (error) {
    if (isAppError(error)) return { ok: false as const, response: replyWithAppError(submission, error, hideFields) };
    throw error;
  }
}
