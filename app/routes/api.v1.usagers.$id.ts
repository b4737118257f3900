import { requirePermission } from "../../src/acces/guards.server";
import { apiHandler } from "../../src/platform/api.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { getUsagerFile } from "../../src/usagers/get-usager.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/api.v1.usagers.$id";

/** GET /api/v1/usagers/:id: the file (identifiers masked), its démarches and mandates; journaled. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  return apiHandler(async () =>
    Response.json(await getUsagerFile(actor, id, { ip: clientIp(request), userAgent: userAgent(request) })),
  );
}
