import type { Cell } from "../platform/csv";
import { type PdfWriter, renderPdf } from "../platform/pdf.server";
import { frenchDate, frenchDateTime } from "../platform/time";
import type { Report } from "./report.server";
import { levelLabel, MASKED, type ReportTable, reportKind, reportTables } from "./report-table";
import { PRIVACY_NOTE } from "./report-xlsx.server";

/**
 * The quarterly report (or annual review) as a PDF: key figures with their comparisons, then the
 * evolution and every breakdown, each as a bar chart drawn in vectors (no image) followed by the
 * same figures as a table. Masked cells are drawn as « masqué », never as a bar.
 */
const BLUE_FRANCE = "#000091";
const BLUE_LIGHT = "#E3E3FD";
const TEXT = "#161616";
const MUTED = "#666666";
const GRID = "#DDDDDD";
/** Bars shown in one chart; every value stays in the table under it. */
const MAX_BARS = 15;

/** "12 345,5" with a no-break space (the standard PDF fonts have no narrow one). */
export function frenchNumber(value: number): string {
  const [integer, decimals] = String(Math.abs(value)).split(".");
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00A0");
  return `${value < 0 ? "-" : ""}${grouped}${decimals ? `,${decimals}` : ""}`;
}

function cellText(value: Cell): string {
  if (value === null) return "—";
  return typeof value === "number" ? frenchNumber(value) : value;
}

function bottomLimit(pdf: PdfWriter): number {
  return pdf.doc.page.height - pdf.doc.page.margins.bottom;
}

function ensureSpace(pdf: PdfWriter, height: number): void {
  if (pdf.doc.y + height > bottomLimit(pdf)) pdf.doc.addPage();
}

function left(pdf: PdfWriter): number {
  return pdf.doc.page.margins.left;
}

type Bar = { label: string; value: number | null; masked: boolean };

/** Horizontal bars: label, bar, figure on one line each. */
function barChart(pdf: PdfWriter, bars: Bar[], measure: string, hidden: number): void {
  const { doc } = pdf;
  const rowHeight = 13;
  const labelWidth = Math.min(190, pdf.width * 0.4);
  const valueWidth = 48;
  const area = pdf.width - labelWidth - valueWidth - 8;
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  ensureSpace(pdf, 16 + rowHeight * Math.min(bars.length, 4));
  doc
    .font("Helvetica")
    .fontSize(8)
    .fillColor(MUTED)
    .text(`Graphique : ${measure.toLowerCase()}`, left(pdf), doc.y, { width: pdf.width });
  doc.moveDown(0.2);
  for (const bar of bars) {
    ensureSpace(pdf, rowHeight);
    const y = doc.y;
    const x = left(pdf);
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor(TEXT)
      .text(bar.label, x, y + 2, { width: labelWidth - 6, height: rowHeight, ellipsis: true, lineBreak: false });
    if (bar.masked || bar.value === null) {
      doc
        .font("Helvetica-Oblique")
        .fontSize(8)
        .fillColor(MUTED)
        .text(MASKED, x + labelWidth, y + 2, { width: area, lineBreak: false });
    } else {
      const length = (bar.value / max) * area;
      if (length > 0)
        doc
          .rect(x + labelWidth, y + 2, Math.max(length, 1), rowHeight - 4)
          .fillColor(BLUE_FRANCE)
          .fill();
      doc
        .font("Helvetica")
        .fontSize(8)
        .fillColor(TEXT)
        .text(frenchNumber(bar.value), x + labelWidth + length + 4, y + 2, { width: valueWidth, lineBreak: false });
    }
    doc.x = x;
    doc.y = y + rowHeight;
  }
  if (hidden > 0)
    doc
      .font("Helvetica-Oblique")
      .fontSize(8)
      .fillColor(MUTED)
      .text(`… et ${hidden} autres valeurs, toutes dans le tableau ci-dessous.`, left(pdf), doc.y + 2, {
        width: pdf.width,
      });
  doc.moveDown(0.5);
}

/** Vertical columns for long time series (the weeks of a year): first and last dates under the axis. */
function columnChart(pdf: PdfWriter, bars: Bar[], measure: string): void {
  const { doc } = pdf;
  const height = 110;
  ensureSpace(pdf, height + 40);
  doc
    .font("Helvetica")
    .fontSize(8)
    .fillColor(MUTED)
    .text(`Graphique : ${measure.toLowerCase()}`, left(pdf), doc.y, { width: pdf.width });
  const top = doc.y + 4;
  const x0 = left(pdf) + 30;
  const area = pdf.width - 30;
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const step = area / bars.length;
  doc
    .moveTo(x0, top + height)
    .lineTo(x0 + area, top + height)
    .lineWidth(0.5)
    .strokeColor(GRID)
    .stroke();
  doc
    .font("Helvetica")
    .fontSize(7)
    .fillColor(MUTED)
    .text(frenchNumber(max), left(pdf), top - 3, { width: 26, align: "right", lineBreak: false });
  doc.text("0", left(pdf), top + height - 6, { width: 26, align: "right", lineBreak: false });
  bars.forEach((bar, index) => {
    const value = bar.value ?? 0;
    const barHeight = (value / max) * height;
    if (barHeight > 0)
      doc
        .rect(x0 + index * step + step * 0.15, top + height - barHeight, step * 0.7, barHeight)
        .fillColor(BLUE_FRANCE)
        .fill();
  });
  doc.font("Helvetica").fontSize(7).fillColor(MUTED);
  doc.text(bars[0].label, x0, top + height + 3, { width: area / 2, lineBreak: false });
  doc.text(bars[bars.length - 1].label, x0 + area / 2, top + height + 3, {
    width: area / 2,
    align: "right",
    lineBreak: false,
  });
  doc.x = left(pdf);
  doc.y = top + height + 16;
  doc.moveDown(0.3);
}

/** A table with a repeated header row on each new page; the first column wraps, numbers are right-aligned. */
function table(pdf: PdfWriter, columns: string[], rows: Cell[][]): void {
  const { doc } = pdf;
  const firstWidth = columns.length > 2 ? pdf.width * 0.4 : pdf.width * 0.6;
  const otherWidth = (pdf.width - firstWidth) / Math.max(1, columns.length - 1);
  const widths = columns.map((_, index) => (index === 0 ? firstWidth : otherWidth));
  const padding = 3;
  // Figures (and their headers) are right-aligned; a column is figures when no row holds text in it.
  const numeric = columns.map(
    (_, index) =>
      index > 0 &&
      rows.length > 0 &&
      rows.every((row) => typeof row[index] === "number" || row[index] === null || row[index] === MASKED),
  );
  const drawRow = (cells: string[], options: { header?: boolean }) => {
    doc.font(options.header ? "Helvetica-Bold" : "Helvetica").fontSize(8);
    const height =
      Math.max(...cells.map((cell, index) => doc.heightOfString(cell, { width: widths[index] - padding * 2 }))) +
      padding * 2;
    if (doc.y + height > bottomLimit(pdf)) {
      doc.addPage();
      if (!options.header) drawRow(columns, { header: true });
      doc.font("Helvetica").fontSize(8);
    }
    const y = doc.y;
    let x = left(pdf);
    if (options.header) doc.rect(x, y, pdf.width, height).fillColor(BLUE_LIGHT).fill();
    cells.forEach((cell, index) => {
      const masked = cell === MASKED;
      doc
        .font(options.header ? "Helvetica-Bold" : masked ? "Helvetica-Oblique" : "Helvetica")
        .fontSize(8)
        .fillColor(masked ? MUTED : TEXT)
        .text(cell, x + padding, y + padding, {
          width: widths[index] - padding * 2,
          align: numeric[index] ? "right" : "left",
        });
      x += widths[index];
    });
    doc
      .moveTo(left(pdf), y + height)
      .lineTo(left(pdf) + pdf.width, y + height)
      .lineWidth(0.4)
      .strokeColor(GRID)
      .stroke();
    doc.x = left(pdf);
    doc.y = y + height;
  };
  ensureSpace(pdf, 40);
  drawRow(columns, { header: true });
  if (rows.length === 0) {
    drawRow(["Aucune donnée pour cette période.", ...columns.slice(1).map(() => "")], {});
  }
  for (const row of rows) drawRow(row.map(cellText), {});
  doc.moveDown(0.8);
}

function chartOf(pdf: PdfWriter, reportTable: ReportTable): void {
  const chart = reportTable.chart;
  if (!chart || reportTable.rows.length === 0) return;
  const bars: Bar[] = reportTable.rows.map((row) => {
    const value = row[chart.valueColumn];
    return {
      label: String(row[chart.labelColumn] ?? ""),
      value: typeof value === "number" ? value : null,
      masked: value === MASKED,
    };
  });
  const isSeries = reportTable.key === "evolution_mois" || reportTable.key === "evolution_semaine";
  if (isSeries && bars.length > MAX_BARS) columnChart(pdf, bars, chart.measure);
  else barChart(pdf, bars.slice(0, MAX_BARS), chart.measure, Math.max(0, bars.length - MAX_BARS));
}

/** The footer line of every page, above the page numbers the shared frame draws. */
function stampPages(pdf: PdfWriter, text: string): void {
  const { doc } = pdf;
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("Helvetica")
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(text, doc.page.margins.left, doc.page.height - 64, { width: pdf.width, lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

export async function reportPdf(report: Report, generatedAt: Date = new Date()): Promise<Buffer> {
  const kind = reportKind(report);
  return renderPdf(
    {
      title: `${kind} — ${report.periode.libelle}`,
      structure: report.libelle,
      structureDetail: `Niveau : ${levelLabel(report).toLowerCase()}`,
    },
    (pdf) => {
      pdf.fields([
        ["Périmètre", `${report.libelle} (${levelLabel(report).toLowerCase()})`],
        [
          "Période",
          `${report.periode.libelle}, du ${frenchDate(report.periode.du)} au ${frenchDate(report.periode.au)}`,
        ],
        [
          "Comparée à",
          `${report.periodePrecedente.libelle}, du ${frenchDate(report.periodePrecedente.du)} au ${frenchDate(report.periodePrecedente.au)}`,
        ],
      ]);
      pdf.paragraph(
        `${PRIVACY_NOTE} Pour qu’aucune personne ne puisse être reconnue, les effectifs de moins de ${report.seuilMasquage} passages par tranche d’âge, genre ou commune sont masqués (« ${MASKED} »).`,
        { muted: true, size: 9 },
      );
      for (const reportTable of reportTables(report)) {
        pdf.heading(reportTable.key === "synthese" ? "Chiffres clés" : reportTable.title);
        if (reportTable.key === "structures")
          pdf.paragraph(
            "Une structure ouverte sans aucune saisie depuis 14 jours ou plus est signalée « Oui » dans la dernière colonne.",
            { size: 9 },
          );
        chartOf(pdf, reportTable);
        table(pdf, reportTable.columns, reportTable.rows);
      }
      stampPages(
        pdf,
        `Généré le ${frenchDateTime(generatedAt)} par Guichet — ${PRIVACY_NOTE.replace(/\.$/, "").toLowerCase()}.`,
      );
    },
  );
}
