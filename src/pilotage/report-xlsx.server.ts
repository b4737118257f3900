import ExcelJS from "exceljs";
import { frenchDate, frenchDateTime } from "../platform/time";
import type { Report } from "./report.server";
import { levelLabel, type ReportTable, reportKind, reportTables } from "./report-table";

/**
 * The report as a workbook: a « Synthèse » sheet, an « Évolution » sheet, one sheet per breakdown,
 * and the ranking tables of the level (« Structures », « Départements », « Formats »).
 * French headers; masked cells hold the word « masqué », never a number.
 */
export const PRIVACY_NOTE = "Données agrégées, aucune donnée personnelle.";

function addTable(sheet: ExcelJS.Worksheet, table: ReportTable): void {
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 12 };
  const header = sheet.addRow(table.columns);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE3E3FD" } };
    cell.border = { bottom: { style: "thin" } };
  });
  if (table.rows.length === 0) sheet.addRow(["Aucune donnée pour cette période."]);
  for (const row of table.rows) sheet.addRow(row);
}

export async function reportXlsx(report: Report, generatedAt: Date = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Guichet";
  workbook.created = generatedAt;
  workbook.title = `${reportKind(report)} — ${report.libelle} — ${report.periode.libelle}`;
  const sheets = new Map<string, ExcelJS.Worksheet>();
  const sheetFor = (name: string) => {
    let sheet = sheets.get(name);
    if (!sheet) {
      sheet = workbook.addWorksheet(name);
      sheets.set(name, sheet);
    } else {
      sheet.addRow([]);
    }
    return sheet;
  };

  const summary = sheetFor("Synthèse");
  summary.addRow([`${reportKind(report)} — ${report.libelle}`]).font = { bold: true, size: 14 };
  summary.addRow(["Niveau", levelLabel(report)]);
  summary.addRow(["Périmètre", report.libelle]);
  summary.addRow([
    "Période",
    `${report.periode.libelle} (du ${frenchDate(report.periode.du)} au ${frenchDate(report.periode.au)})`,
  ]);
  summary.addRow(["Généré le", frenchDateTime(generatedAt)]);
  summary.addRow([
    "Confidentialité",
    `${PRIVACY_NOTE} Les effectifs de moins de ${report.seuilMasquage} passages par tranche d’âge, genre ou commune sont masqués.`,
  ]);
  summary.addRow([]);

  for (const table of reportTables(report)) {
    const sheet = table.key === "synthese" ? summary : sheetFor(table.sheet);
    addTable(sheet, table);
  }
  for (const sheet of workbook.worksheets) {
    sheet.columns.forEach((column, index) => {
      column.width = index === 0 ? 42 : 20;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
