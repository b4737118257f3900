import { requirePermission } from "../../src/acces/guards.server";
import { findMandat, getMandat } from "../../src/mandats/get-mandat.server";
import { revokeSchema } from "../../src/mandats/mandats.schema";
import { revokeMandat } from "../../src/mandats/revoke-mandat.server";
import { apiError, apiHandler, readJsonBody } from "../../src/platform/api.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/api.v1.mandats.$id.revoke";

/** POST /api/v1/mandats/:id/revoke {"motif", "revokedOn"?, "demarcheId"?}: whole or partial revocation. */
export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "usager:manage");
  if (request.method !== "POST") return apiError("api.method_not_allowed", 405);
  const id = routeId(request, params);
  return apiHandler(async () => {
    await findMandat(actor, id);
    const input = await readJsonBody(request, revokeSchema);
    const context = { ip: clientIp(request), userAgent: userAgent(request) };
    await revokeMandat(actor, id, input, context);
    const mandat = await getMandat(actor, id, context);
    return Response.json({
      id: mandat.id,
      statut: mandat.statut,
      attestation: `/mandats/${mandat.id}/attestation.pdf`,
    });
  });
}
