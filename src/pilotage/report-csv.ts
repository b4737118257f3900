import { toCsv } from "../platform/csv";
import type { Report } from "./report.server";
import type { ReportTableKey } from "./report-request";
import { reportTables } from "./report-table";

/** The CSV of one table of a report (the synthèse when no table is named); null when the report has no such table. */
export function reportCsv(report: Report, key: ReportTableKey | null): string | null {
  const table = reportTables(report, { withAgents: true }).find((candidate) => candidate.key === (key ?? "synthese"));
  return table ? toCsv(table.columns, table.rows) : null;
}
