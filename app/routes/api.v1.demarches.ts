import { requirePermission } from "../../src/acces/guards.server";
import { createDemarche } from "../../src/demarches/create-demarche.server";
import { createDemarcheSchema } from "../../src/demarches/demarches.schema";
import { listDemarches } from "../../src/demarches/list-demarches.server";
import { apiError, apiHandler, readJsonBody } from "../../src/platform/api.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import type { Route } from "./+types/api.v1.demarches";

/** GET /api/v1/demarches: the agent's « à faire » list and the open démarches of the current structure. */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  return apiHandler(async () =>
    Response.json(await listDemarches(actor, { ip: clientIp(request), userAgent: userAgent(request) })),
  );
}

/** POST /api/v1/demarches: opens a démarche for an usager (same schema as the form; pieces as an array). */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  if (request.method !== "POST") return apiError("api.method_not_allowed", 405);
  return apiHandler(async () => {
    const input = await readJsonBody(request, createDemarcheSchema);
    const id = await createDemarche(actor, input, { ip: clientIp(request), userAgent: userAgent(request) });
    return Response.json({ id }, { status: 201, headers: { Location: `/api/v1/demarches/${id}` } });
  });
}
