import { requirePermission } from "../../src/acces/guards.server";
import { apiError, apiHandler, readJsonBody } from "../../src/platform/api.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { createUsager } from "../../src/usagers/create-usager.server";
import { createUsagerSchema } from "../../src/usagers/usagers.schema";
import type { Route } from "./+types/api.v1.usagers";

/** POST /api/v1/usagers: creates a file in the current structure (noticeRemise must be true). */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  if (request.method !== "POST") return apiError("api.method_not_allowed", 405);
  return apiHandler(async () => {
    const input = await readJsonBody(request, createUsagerSchema);
    const id = await createUsager(actor, input, { ip: clientIp(request), userAgent: userAgent(request) });
    return Response.json({ id }, { status: 201, headers: { Location: `/api/v1/usagers/${id}` } });
  });
}
