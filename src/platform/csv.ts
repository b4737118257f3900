/** A CSV field's value: text, a number (written with a decimal comma), or nothing. */
export type Cell = string | number | null;

/** Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field: French decimals ("12,5"), quotes only where needed. */
function csvField(value: Cell, guardFormulas: boolean): string {
  if (value === null) return "";
  const text = typeof value === "number" ? String(value).replace(".", ",") : guardFormulas ? neutralise(value) : value;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV as French spreadsheets open it: UTF-8 with a byte-order mark, `;` between fields, CRLF.
 * Files for people guard against formulas; open data, read by programs, keeps values as they are.
 */
export function toCsv(columns: string[], rows: Cell[][], options: { guardFormulas?: boolean } = {}): string {
  const guard = options.guardFormulas ?? true;
  return `\uFEFF${[columns, ...rows].map((row) => row.map((cell) => csvField(cell, guard)).join(";")).join("\r\n")}\r\n`;
}
