import { errorResponse } from "../src/acces/guards.server";
import { isUuid } from "../src/platform/validation";

/**
 * A record's id taken from the address (":id", ":structure"), read after the route's guard: anything but a
 * UUID answers 404 as an absent record does (JSON for the API, the error page otherwise), before any query
 * runs. Every route with an id in its path reads it here; app/malformed-input.test.ts proves none gives a 5xx.
 */
export function routeId(request: Request, params: Readonly<Record<string, string | undefined>>, name = "id"): string {
  const value = params[name];
  if (!isUuid(value)) throw errorResponse(request, "not_found", 404);
  return value;
}
