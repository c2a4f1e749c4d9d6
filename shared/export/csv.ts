/**
 * CSV that Excel opens cleanly and safely: UTF-8 with a byte-order mark (without it Excel reads
 * the file in the machine's legacy code page), CRLF line ends, RFC 4180 quoting, dates in ISO
 * 8601, and no formula injection — a text cell that a spreadsheet would read as a formula or
 * command (it starts with =, +, -, @, a tab or a carriage return) is prefixed with a single quote
 * so it shows as the text it is.
 */

/** What a cell may hold. null and undefined are empty cells. */
export type CsvValue = string | number | boolean | Date | null | undefined;

export const CSV_BOM = '\uFEFF';
export const CSV_LINE_END = '\r\n';

const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * The text of a value. Numbers are written as numbers (a finite number's text is never a formula,
 * so a negative one stays a number in the spreadsheet); a Date in ISO 8601, UTC.
 */
function textOf(value: CsvValue): { text: string; isNumber: boolean } {
  if (value === null || value === undefined) return { text: '', isNumber: false };
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { text: String(value), isNumber: true }
      : { text: '', isNumber: false };
  }
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', isNumber: false };
  if (value instanceof Date) {
    return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString(), isNumber: false };
  }
  return { text: value, isNumber: false };
}

/** One cell as it appears in the file: neutralised, then quoted where RFC 4180 needs it. */
export function csvCell(value: CsvValue): string {
  const { text, isNumber } = textOf(value);
  const safe = !isNumber && FORMULA_STARTS.has(text.charAt(0)) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole file: the byte-order mark, the header row, then one row per record, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return CSV_BOM + lines.map((line) => line + CSV_LINE_END).join('');
}
