import { requirePermission } from "../../src/acces/guards.server";
import { apiError, apiHandler, readJsonBody } from "../../src/platform/api.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { findSaisine, getSaisine } from "../../src/saisines/get-saisine.server";
import { postMessage } from "../../src/saisines/post-message.server";
import { postMessageSchema } from "../../src/saisines/saisines.schema";
import { routeId } from "../route-params.server";
import type { Route } from "./+types/api.v1.saisines.$id";

/** GET /api/v1/saisines/:id: the saisine, its thread and its computed status (consultation journalisée). */
export async function loader({ request, params }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "saisine:read");
  const id = routeId(request, params);
  return apiHandler(async () => {
    const view = await getSaisine(actor, id, { ip: clientIp(request), userAgent: userAgent(request) });
    return Response.json({
      id: view.row.id,
      objet: view.row.objet,
      description: view.row.description,
      partenaire: view.row.partnerKey,
      urgence: view.row.urgence,
      groupe: view.state.groupId,
      statut: view.state.status,
      utilite: view.state.usefulness,
      echeance: view.deadline.dueAt?.toISOString() ?? null,
      enRetard: view.deadline.late,
      identification: Object.fromEntries(view.identification.map((entry) => [entry.key, entry.value])),
      messages: view.thread.map((m) => ({
        type: m.type,
        cote: m.side,
        texte: m.body,
        groupeCible: m.targetGroupId,
        utilite: m.usefulness,
        le: m.at.toISOString(),
      })),
    });
  });
}

/** POST /api/v1/saisines/:id: answer (any typed message of the caller's side) or close (type « cloture » with usefulness). */
export async function action({ request, params }: Route.ActionArgs) {
  const actor = await requirePermission(request, "saisine:read");
  if (request.method !== "POST") return apiError("api.method_not_allowed", 405);
  const id = routeId(request, params);
  return apiHandler(async () => {
    await findSaisine(actor, id);
    const input = await readJsonBody(request, postMessageSchema);
    await postMessage(actor, id, input, { ip: clientIp(request), userAgent: userAgent(request) });
    return Response.json({ id }, { status: 201 });
  });
}
