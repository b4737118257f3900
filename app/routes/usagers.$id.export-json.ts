import { requirePermission } from "../../src/acces/guards.server";
import { orErrorPage } from "../../src/donnees-personnelles/access.server";
import { exportUsager } from "../../src/droits-usager/export-usager.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/usagers.$id.export-json";

/** GET /usagers/:id/export.json: right of access, everything held on the usager (journaled). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "usager:manage");
  const id = routeId(request, params);
  const data = await orErrorPage(request, () =>
    exportUsager(actor, id, { ip: clientIp(request), userAgent: userAgent(request) }),
  );
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="donnees-usager.json"',
      "Cache-Control": "no-store",
    },
  });
}
