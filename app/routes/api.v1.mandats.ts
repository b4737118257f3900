import { requirePermission } from "../../src/acces/guards.server";
import { createMandat } from "../../src/mandats/create-mandat.server";
import { createMandatSchema } from "../../src/mandats/mandats.schema";
import { apiError, apiHandler, readJsonBody } from "../../src/platform/api.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import type { Route } from "./+types/api.v1.mandats";

/** POST /api/v1/mandats: establishes a mandate for open démarches of one usager (to print and sign). */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  if (request.method !== "POST") return apiError("api.method_not_allowed", 405);
  return apiHandler(async () => {
    const input = await readJsonBody(request, createMandatSchema);
    const id = await createMandat(actor, input, { ip: clientIp(request), userAgent: userAgent(request) });
    return Response.json(
      { id, document: `/api/v1/mandats/${id}/document.pdf` },
      { status: 201, headers: { Location: `/api/v1/mandats/${id}` } },
    );
  });
}
