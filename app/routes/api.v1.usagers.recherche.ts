import { requirePermission } from "../../src/acces/guards.server";
import { apiError, apiHandler, readJsonBody } from "../../src/platform/api.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { searchUsagers } from "../../src/usagers/search-usagers.server";
import { usagerSearchBody } from "../../src/usagers/usagers.schema";
import type { Route } from "./+types/api.v1.usagers.recherche";

/** POST /api/v1/usagers/recherche {"q": "…"}: search by name in the current structure (a name never goes in an address). */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  if (request.method !== "POST") return apiError("api.method_not_allowed", 405);
  return apiHandler(async () => {
    const { q } = await readJsonBody(request, usagerSearchBody);
    return Response.json({
      usagers: await searchUsagers(actor, q, { ip: clientIp(request), userAgent: userAgent(request) }),
    });
  });
}
