import type { SubmissionResult } from "@conform-to/react";
import { useActionData } from "react-router";

/** What the server sent back to one form: its errors and the values typed (conform). */
export type FormResult = SubmissionResult<string[]> | undefined;

/**
 * On a page with several forms, each posts an `intent` and the reply carries it back: `resultFor`
 * gives each form only its own reply. `reply` is the whole answer, for data beside the forms.
 */
export function useIntentReply<Extra extends object = object>() {
  const reply = useActionData() as ({ intent?: string; lastResult?: unknown } & Partial<Extra>) | undefined;
  const resultFor = (intent: string) => (reply?.intent === intent ? (reply.lastResult as FormResult) : undefined);
  return { reply, resultFor };
}

/** Every message of a reply, form and fields together, for forms that show them above the form. */
export function errorMessages(lastResult: FormResult): string[] | undefined {
  const messages = lastResult?.error ? Object.values(lastResult.error).flatMap((list) => list ?? []) : [];
  return messages.length ? messages : undefined;
}
