import { data } from "react-router";
import {
  dispatchIntent,
  type FormFailure,
  type IntentHandler,
  invalidReply,
  runUseCase,
} from "../src/platform/form.server";

/** The page's answer to a refused submission: the status, with the body the form reads back. */
export function formReply<Body>(failure: FormFailure<Body>) {
  return data(failure.body, { status: failure.status });
}

type Submission = Parameters<typeof invalidReply>[0];

/** Status 400, the values the user typed, and one French message per field. */
export function invalid(submission: Submission, options?: Parameters<typeof invalidReply>[1]) {
  return formReply(invalidReply(submission, options));
}

/** Runs a use case; domain errors become a form reply, anything else propagates. */
export async function runForForm<T>(submission: Submission, work: () => Promise<T>, hideFields?: string[]) {
  const result = await runUseCase(submission, work, hideFields);
  return result.ok ? result : { ok: false as const, response: formReply(result.failure) };
}

/**
 * A page with several forms: each intent's handler (`formIntent`) parses its form and runs its use
 * case; its result (a redirect, or data for the page) is the answer, a refusal goes back to the form.
 */
export async function dispatchForm<Handlers extends Record<string, IntentHandler<unknown>>>(
  request: Request,
  handlers: Handlers,
) {
  const outcome = await dispatchIntent(request, handlers);
  return outcome.ok ? outcome.value : formReply(outcome.failure);
}
