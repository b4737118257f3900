import { requirePermission } from "../../src/acces/guards.server";
import { getDemarche } from "../../src/demarches/get-demarche.server";
import { apiHandler } from "../../src/platform/api.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/api.v1.demarches.$id";

/** GET /api/v1/demarches/:id: the démarche with its checklist, linked visits, mandates and actions; journaled. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  return apiHandler(async () =>
    Response.json(await getDemarche(actor, id, { ip: clientIp(request), userAgent: userAgent(request) })),
  );
}
