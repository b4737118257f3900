import { requirePublic } from "../../src/acces/guards.server";
import { apiError } from "../../src/platform/api.server";

/** Unknown API addresses answer a JSON 404, never the HTML page. */
export async function loader({ request }: { request: Request }) {
  requirePublic(request);
  return apiError("not_found", 404);
}

export async function action({ request }: { request: Request }) {
  requirePublic(request);
  return apiError("not_found", 404);
}
