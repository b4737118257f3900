import PDFDocument from "pdfkit";

/**
 * Printable documents (mandate, fiche de transmission, appointment sheet, notice, export): A4,
 * the sober typography of the State's design system with the standard Helvetica font, a header
 * with « République française » and the structure, a footer with page numbers.
 * Text only: nothing scanned, no image of a person, ever.
 */
const BLUE_FRANCE = "#000091";
const TEXT = "#161616";
const MUTED = "#666666";
const MARGIN_X = 56;
const MARGIN_TOP = 100;
const MARGIN_BOTTOM = 70;

export type PdfOptions = {
  /** Title of the document (first heading and PDF metadata). */
  title: string;
  /** The structure that issues the document, shown in every header. */
  structure: string;
  /** A line under the structure (e.g. its address), optional. */
  structureDetail?: string;
};

export class PdfWriter {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get width(): number {
    return this.doc.page.width - MARGIN_X * 2;
  }

  title(text: string): this {
    this.doc.font("Helvetica-Bold").fontSize(18).fillColor(TEXT).text(text, { width: this.width });
    this.doc.moveDown(0.3);
    const y = this.doc.y;
    this.doc
      .moveTo(MARGIN_X, y)
      .lineTo(MARGIN_X + 48, y)
      .lineWidth(2)
      .strokeColor(BLUE_FRANCE)
      .stroke();
    this.doc.moveDown(0.8);
    return this;
  }

  heading(text: string): this {
    this.ensureSpace(60);
    this.doc
      .moveDown(0.6)
      .font("Helvetica-Bold")
      .fontSize(13)
      .fillColor(TEXT)
      .text(text, MARGIN_X, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    return this;
  }

  paragraph(text: string, options: { bold?: boolean; muted?: boolean; size?: number } = {}): this {
    this.doc
      .font(options.bold ? "Helvetica-Bold" : "Helvetica")
      .fontSize(options.size ?? 10.5)
      .fillColor(options.muted ? MUTED : TEXT)
      .text(text, MARGIN_X, this.doc.y, { width: this.width, lineGap: 2 });
    this.doc.moveDown(0.4);
    return this;
  }

  list(items: readonly string[], options: { numbered?: boolean } = {}): this {
    this.doc.font("Helvetica").fontSize(10.5).fillColor(TEXT);
    items.forEach((item, index) => {
      this.doc.text(`${options.numbered ? `${index + 1}.` : "•"} ${item}`, MARGIN_X + 12, this.doc.y, {
        width: this.width - 12,
        lineGap: 2,
      });
      this.doc.moveDown(0.2);
    });
    this.doc.moveDown(0.3);
    return this;
  }

  /** Label and value on one line each ("Label : value"), the label in bold. */
  fields(rows: ReadonlyArray<readonly [string, string | null | undefined]>): this {
    for (const [label, value] of rows) {
      this.doc
        .font("Helvetica-Bold")
        .fontSize(10.5)
        .fillColor(TEXT)
        .text(`${label} : `, MARGIN_X, this.doc.y, { continued: true, width: this.width, lineGap: 2 })
        .font("Helvetica")
        .text(value?.trim() ? value : "—");
      this.doc.moveDown(0.15);
    }
    this.doc.moveDown(0.4);
    return this;
  }

  /** A checklist: one box per item, ticked or not, with its state written out. */
  checklist(items: ReadonlyArray<{ label: string; state: string; checked: boolean }>): this {
    this.doc.font("Helvetica").fontSize(10.5).fillColor(TEXT);
    for (const item of items) {
      this.ensureSpace(20);
      const y = this.doc.y;
      this.doc
        .rect(MARGIN_X + 2, y + 1, 9, 9)
        .lineWidth(0.8)
        .strokeColor(TEXT)
        .stroke();
      if (item.checked)
        this.doc
          .moveTo(MARGIN_X + 4, y + 6)
          .lineTo(MARGIN_X + 6.5, y + 8.5)
          .lineTo(MARGIN_X + 10, y + 2.5)
          .stroke();
      this.doc.text(`${item.label} — ${item.state}`, MARGIN_X + 18, y, { width: this.width - 18, lineGap: 2 });
      this.doc.moveDown(0.25);
    }
    this.doc.moveDown(0.3);
    return this;
  }

  /** Side-by-side signature boxes (date, place and signature of each party). */
  signatures(parties: readonly string[]): this {
    this.ensureSpace(110);
    const gap = 16;
    const boxWidth = (this.width - gap * (parties.length - 1)) / parties.length;
    const top = this.doc.y + 6;
    parties.forEach((party, index) => {
      const x = MARGIN_X + index * (boxWidth + gap);
      this.doc.rect(x, top, boxWidth, 90).lineWidth(0.8).strokeColor(MUTED).stroke();
      this.doc
        .font("Helvetica-Bold")
        .fontSize(9.5)
        .fillColor(TEXT)
        .text(party, x + 8, top + 8, { width: boxWidth - 16 });
      this.doc
        .font("Helvetica")
        .fontSize(9)
        .fillColor(MUTED)
        .text("Date, lieu et signature", x + 8, this.doc.y + 2, { width: boxWidth - 16 });
    });
    this.doc.x = MARGIN_X;
    this.doc.y = top + 100;
    return this;
  }

  image(png: Buffer, options: { size: number; caption?: string }): this {
    this.ensureSpace(options.size + 30);
    const y = this.doc.y;
    this.doc.image(png, MARGIN_X, y, { width: options.size, height: options.size });
    if (options.caption)
      this.doc
        .font("Helvetica")
        .fontSize(9)
        .fillColor(MUTED)
        .text(options.caption, MARGIN_X + options.size + 12, y + 8, { width: this.width - options.size - 12 });
    this.doc.x = MARGIN_X;
    this.doc.y = y + options.size + 8;
    return this;
  }

  pageBreak(): this {
    this.doc.addPage();
    return this;
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN_BOTTOM) this.doc.addPage();
  }
}

function drawFrame(doc: PDFKit.PDFDocument, options: PdfOptions, page: number, pages: number): void {
  const bottom = doc.page.margins.bottom;
  // Writing in the margins must not push a new page.
  doc.page.margins.bottom = 0;
  const width = doc.page.width - MARGIN_X * 2;
  doc.font("Helvetica-Bold").fontSize(9).fillColor(TEXT).text("RÉPUBLIQUE", MARGIN_X, 32, { lineBreak: false });
  doc.text("FRANÇAISE", MARGIN_X, 43, { lineBreak: false });
  doc
    .font("Helvetica")
    .fontSize(7)
    .fillColor(MUTED)
    .text("Liberté, Égalité, Fraternité", MARGIN_X, 56, { lineBreak: false });
  doc
    .font("Helvetica-Bold")
    .fontSize(9)
    .fillColor(TEXT)
    .text(options.structure, MARGIN_X + 150, 32, { width: width - 150, align: "right" });
  if (options.structureDetail)
    doc
      .font("Helvetica")
      .fontSize(8)
      .fillColor(MUTED)
      .text(options.structureDetail, MARGIN_X + 150, doc.y + 1, { width: width - 150, align: "right" });
  doc
    .moveTo(MARGIN_X, 76)
    .lineTo(MARGIN_X + width, 76)
    .lineWidth(0.5)
    .strokeColor(MUTED)
    .stroke();
  const footerY = doc.page.height - 45;
  doc
    .moveTo(MARGIN_X, footerY - 8)
    .lineTo(MARGIN_X + width, footerY - 8)
    .lineWidth(0.5)
    .strokeColor(MUTED)
    .stroke();
  doc
    .font("Helvetica")
    .fontSize(8)
    .fillColor(MUTED)
    .text(`${options.title} — Guichet`, MARGIN_X, footerY, { width: width - 90, lineBreak: false });
  doc.text(`Page ${page} sur ${pages}`, MARGIN_X + width - 90, footerY, {
    width: 90,
    align: "right",
    lineBreak: false,
  });
  doc.page.margins.bottom = bottom;
}

/** Builds a PDF: `draw` writes the body; header and footer are added on every page. */
export async function renderPdf(options: PdfOptions, draw: (pdf: PdfWriter) => void | Promise<void>): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN_TOP, bottom: MARGIN_BOTTOM, left: MARGIN_X, right: MARGIN_X },
    bufferPages: true,
    lang: "fr-FR",
    displayTitle: true,
    info: { Title: options.title, Author: options.structure, Creator: "Guichet", Producer: "Guichet" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const writer = new PdfWriter(doc);
  writer.title(options.title);
  await draw(writer);
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    drawFrame(doc, options, index - range.start + 1, range.count);
  }
  doc.end();
  return done;
}

/** The HTTP answer for a generated PDF: never cached, shown in the browser (or downloaded). */
export function pdfResponse(pdf: Buffer, filename: string, options: { download?: boolean } = {}): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `${options.download ? "attachment" : "inline"}; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
