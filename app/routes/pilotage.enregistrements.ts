import { data } from "react-router";
import { errorResponse, requirePermission } from "../../src/acces/guards.server";
import { exportRecordsCsv } from "../../src/pilotage/export-records.server";
import { reportFileResponse } from "../../src/pilotage/report-file.server";
import { parseReportRequest, reportFilename } from "../../src/pilotage/report-request";
import { isAppError } from "../../src/platform/app-error";
import type { Route } from "./+types/pilotage.enregistrements";

/**
 * GET /pilotage/enregistrements.csv?niveau=structure|departement&id=&periode=: anonymised records,
 * one line per sollicitation. No personal data in the file, hence no audit entry (see the use case).
 */
export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requirePermission(request, "pilotage:export_records");
  const parsed = parseReportRequest(new URL(request.url).searchParams);
  if (!parsed.ok) throw data({ message: parsed.message }, { status: 400 });
  try {
    const csv = await exportRecordsCsv(actor, parsed.request);
    const filename = reportFilename(parsed.request, "csv").replace(/^guichet-/, "guichet-enregistrements-");
    return reportFileResponse({ body: Buffer.from(csv, "utf8"), contentType: "text/csv; charset=utf-8", filename });
  } catch (error) {
    if (isAppError(error)) throw errorResponse(request, error.code, error.status);
    throw error;
  }
}
