import { data } from "react-router";
import { errorResponse, requirePermission } from "../../src/acces/guards.server";
import { renderReportFile, reportFileResponse } from "../../src/pilotage/report-file.server";
import { parseReportRequest } from "../../src/pilotage/report-request";
import { isAppError } from "../../src/platform/app-error";
import type { Route } from "./+types/pilotage.export";

/**
 * GET /pilotage/export?niveau=&id=&periode=&format=pdf|xlsx|csv[&dimension=]: the report as a file.
 * Aggregated data only (no audit entry needed); scope is checked by buildReport.
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "pilotage:read");
  const parsed = parseReportRequest(new URL(request.url).searchParams);
  if (!parsed.ok) throw data({ message: parsed.message }, { status: 400 });
  try {
    return reportFileResponse(await renderReportFile(actor, parsed.request));
  } catch (error) {
    if (isAppError(error)) throw errorResponse(request, error.code, error.status);
    throw error;
  }
}
