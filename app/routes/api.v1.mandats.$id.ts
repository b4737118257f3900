import { requirePermission } from "../../src/acces/guards.server";
import { getMandat } from "../../src/mandats/get-mandat.server";
import { apiHandler } from "../../src/platform/api.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/api.v1.mandats.$id";

/** GET /api/v1/mandats/:id: the mandate, its authorisations and status; journaled. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  return apiHandler(async () =>
    Response.json(await getMandat(actor, id, { ip: clientIp(request), userAgent: userAgent(request) })),
  );
}
