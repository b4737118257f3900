import { requirePermission } from "../../src/acces/guards.server";
import { buildReport } from "../../src/pilotage/report.server";
import { parseReportRequest } from "../../src/pilotage/report-request";
import { apiError, apiHandler } from "../../src/platform/api.server";
import type { Route } from "./+types/api.v1.reports";

/** GET /api/v1/reports?niveau=&id=&periode=: the report's JSON, the same as `guichet report --format json`. */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "pilotage:read");
  return apiHandler(async () => {
    const parsed = parseReportRequest(new URL(request.url).searchParams);
    if (!parsed.ok) return apiError("validation.failed", 400, parsed.fields);
    const { level, id, period } = parsed.request;
    return Response.json(await buildReport(actor, { level, id, period }), {
      headers: { "Cache-Control": "private, no-store" },
    });
  });
}
