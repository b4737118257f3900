/** A CSV field's value: text, a number (written with a decimal comma), or nothing. */
export type Cell = string | number | null;

/** A signed number or phone number ("+33 1 23 45 67 89", "-12,5"): a spreadsheet reads it as a value. */
const PLAIN_NUMBER = /^[+-]?[\d][\d\s.,]*$/;

/**
 * Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection): every CSV the
 * product writes goes through here, open data included, since its `;` and byte-order mark make Excel open it.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV field: French decimals ("12,5"), quotes only where needed. */
function csvField(value: Cell): string {
  if (value === null) return "";
  const text = typeof value === "number" ? String(value).replace(".", ",") : neutraliseFormula(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV as French spreadsheets open it: UTF-8 with a byte-order mark, `;` between fields, CRLF, no formula. */
export function toCsv(columns: string[], rows: Cell[][]): string {
  return `\uFEFF${[columns, ...rows].map((row) => row.map(csvField).join(";")).join("\r\n")}\r\n`;
}
