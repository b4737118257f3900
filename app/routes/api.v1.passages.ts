import { requirePermission } from "../../src/acces/guards.server";
import { passageSchema } from "../../src/accueil/accueil.schema";
import { listPassages, parsePassageListQuery } from "../../src/accueil/list-passages.server";
import { recordPassage } from "../../src/accueil/record-passage.server";
import { apiError, apiHandler, readJsonBody } from "../../src/platform/api.server";
import { idempotencyKeySchema } from "../../src/platform/validation";
import type { Route } from "./+types/api.v1.passages";

/** GET /api/v1/passages?structure=&from=&to=&limit=&cursor=|offset=: the passages of a period. */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "accueil:read_passages");
  return apiHandler(async () => {
    const parsed = parsePassageListQuery(new URL(request.url));
    if (!parsed.ok) return apiError("validation.failed", 400, parsed.fields);
    return Response.json(await listPassages(actor, parsed.query));
  });
}

/**
 * POST /api/v1/passages: records a passage with its sollicitations (the form's schema and checks).
 * With an Idempotency-Key header, a replay answers 200 with the first result instead of a duplicate.
 */
export async function action({ request }: Route.ActionArgs) {
  const actor = await requirePermission(request, "accueil:record");
  if (request.method !== "POST") return apiError("api.method_not_allowed", 405);
  return apiHandler(async () => {
    const idempotencyKey = request.headers.get("idempotency-key");
    if (idempotencyKey !== null && !idempotencyKeySchema.safeParse(idempotencyKey).success) {
      return apiError("api.idempotency_key_invalid", 400, {
        "Idempotency-Key": ["De 1 à 200 lettres, chiffres, « _ » ou « - »."],
      });
    }
    const input = await readJsonBody(request, passageSchema);
    const { replay, ...passage } = await recordPassage(actor, input, { idempotencyKey });
    return Response.json(passage, {
      status: replay ? 200 : 201,
      headers: { Location: `/accueil/passages/${passage.id}` },
    });
  });
}
