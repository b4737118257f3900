import { data } from "react-router";
import type { invalid } from "../platform/form.server";

type FormReply = ReturnType<typeof invalid>;

/**
 * Pages with several forms post an `intent`: the reply carries it back, so that each form shows
 * its own errors and values (status and body otherwise unchanged).
 */
export function forIntent(intent: string, reply: FormReply) {
  return data({ intent, ...reply.data }, reply.init ?? undefined);
}
