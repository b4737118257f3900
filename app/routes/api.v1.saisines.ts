import { requirePermission } from "../../src/acces/guards.server";
import { apiError, apiHandler, readJsonBody } from "../../src/platform/api.server";
import { clientIp, userAgent } from "../../src/platform/http.server";
import { createSaisine } from "../../src/saisines/create-saisine.server";
import { listSaisines } from "../../src/saisines/list-saisines.server";
import { createSaisineSchema } from "../../src/saisines/saisines.schema";
import type { Route } from "./+types/api.v1.saisines";

/** GET /api/v1/saisines: the saisines the caller may read (structure's for agents, their groups' for referents), status computed. */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "saisine:read");
  return apiHandler(async () =>
    Response.json(
      (await listSaisines(actor)).map((item) => ({
        id: item.id,
        objet: item.objet,
        partenaire: item.partnerKey,
        urgence: item.urgence,
        structure: item.structureNom,
        creeeLe: item.createdAt.toISOString(),
        statut: item.state.status,
        attente: item.state.awaiting,
        echeance: item.deadline.dueAt?.toISOString() ?? null,
        enRetard: item.deadline.late,
        echeanceMoins24h: item.deadline.dueSoon,
      })),
    ),
  );
}

/** POST /api/v1/saisines: an agent escalates a case (same schema as the form). */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "saisine:create");
  if (request.method !== "POST") return apiError("api.method_not_allowed", 405);
  return apiHandler(async () => {
    const input = await readJsonBody(request, createSaisineSchema);
    const id = await createSaisine(actor, input, { ip: clientIp(request), userAgent: userAgent(request) });
    return Response.json({ id }, { status: 201, headers: { Location: `/api/v1/saisines/${id}` } });
  });
}
