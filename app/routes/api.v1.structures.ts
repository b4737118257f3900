import { z } from "zod";
import type { Route } from "./+types/api.v1.structures";
import { requirePermission } from "../../src/comptes/guards.server";
import { apiError, apiHandler } from "../../src/platform/api.server";
import { ERROR_MESSAGES, isAppError, type ErrorCode } from "../../src/platform/app-error";
import { createStructure } from "../../src/structures/create-structure.server";
import { listStructures } from "../../src/structures/list-structures.server";
import { structureFiltersFromUrl, structureSchema } from "../../src/structures/structures.schema";
import { communeByInsee } from "../../src/territoire/territoire";

/** A 4xx JSON error naming the fields at fault: `{ error: { code, message, fields } }`. */
function fieldErrors(code: ErrorCode, status: number, fields: Record<string, string[] | undefined>): Response {
  return Response.json({ error: { code, message: ERROR_MESSAGES[code], fields } }, { status });
}

/** GET /api/v1/structures: the structures of the caller's scope, filtered like the page. */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "structure:read");
  return apiHandler(async () => {
    const rows = await listStructures(actor, structureFiltersFromUrl(new URL(request.url)));
    return Response.json({ structures: rows.map((row) => ({ ...row, commune: communeByInsee(row.communeInsee)?.nom ?? null })) });
  });
}

/** POST /api/v1/structures: creates a structure with the form's schema and checks. */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "structure:write");
  if (request.method !== "POST") return apiError("api.method_not_allowed", 405);
  return apiHandler(async () => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return apiError("api.invalid_json", 400);
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return apiError("api.invalid_json", 400);
    const parsed = structureSchema.safeParse(body);
    if (!parsed.success) return fieldErrors("validation.failed", 400, z.flattenError(parsed.error).fieldErrors);
    try {
      const id = await createStructure(actor, parsed.data);
      return Response.json({ id }, { status: 201, headers: { Location: `/structures/${id}` } });
    } catch (error) {
      if (isAppError(error) && error.field) return fieldErrors(error.code, error.status, { [error.field]: [error.message] });
      throw error;
    }
  });
}
