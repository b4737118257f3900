import type { Actor } from "../acces/actor.server";
import { AppError } from "../platform/app-error";
import { buildReport, type Report } from "./report.server";
import { reportCsv } from "./report-csv";
import { reportPdf } from "./report-pdf.server";
import { type ReportRequest, reportFilename } from "./report-request";
import { reportXlsx } from "./report-xlsx.server";

/**
 * A report rendered as a file, the same way for the export route and the CLI.
 * Reports are aggregates: nothing here is personal, so nothing is audited.
 */
export type ReportFile = { report: Report; body: Buffer; contentType: string; filename: string };

const CONTENT_TYPES = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
} as const;

export async function renderReportFile(actor: Actor, request: ReportRequest): Promise<ReportFile> {
  const report = await buildReport(actor, { level: request.level, id: request.id, period: request.period });
  let body: Buffer;
  switch (request.format) {
    case "pdf":
      body = await reportPdf(report);
      break;
    case "xlsx":
      body = await reportXlsx(report);
      break;
    case "csv": {
      const csv = reportCsv(report, request.dimension);
      // A breakdown this report does not have (per-agent figures for an agent, structures nationally…).
      if (csv === null) throw new AppError("pilotage.table_unavailable", 400, "dimension");
      body = Buffer.from(csv, "utf8");
      break;
    }
    default:
      body = Buffer.from(JSON.stringify(report, null, 2), "utf8");
  }
  return {
    report,
    body,
    contentType: CONTENT_TYPES[request.format],
    filename: reportFilename(request, request.format),
  };
}

/** The HTTP download of a report file. */
export function reportFileResponse(file: Pick<ReportFile, "body" | "contentType" | "filename">): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
