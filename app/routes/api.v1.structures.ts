import { requirePermission } from "../../src/acces/guards.server";
import { apiError, apiHandler, readJsonBody } from "../../src/platform/api.server";
import { createStructure } from "../../src/structures/create-structure.server";
import { listStructures } from "../../src/structures/list-structures.server";
import { structureFiltersFromUrl, structureSchema } from "../../src/structures/structures.schema";
import { communeByInsee } from "../../src/territoire/territoire";
import type { Route } from "./+types/api.v1.structures";

/** GET /api/v1/structures: the structures of the caller's scope, filtered like the page. */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "structure:read");
  return apiHandler(async () => {
    const rows = await listStructures(actor, structureFiltersFromUrl(new URL(request.url)));
    return Response.json({
      structures: rows.map((row) => ({ ...row, commune: communeByInsee(row.communeInsee)?.nom ?? null })),
    });
  });
}

/** POST /api/v1/structures: creates a structure with the form's schema and checks. */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "structure:write");
  if (request.method !== "POST") return apiError("api.method_not_allowed", 405);
  return apiHandler(async () => {
    const id = await createStructure(actor, await readJsonBody(request, structureSchema));
    return Response.json({ id }, { status: 201, headers: { Location: `/structures/${id}` } });
  });
}
