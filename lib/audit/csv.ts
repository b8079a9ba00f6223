/**
 * CSV for the audit log's export, safe to open in a spreadsheet. Two rules, applied per cell:
 *
 * - Formula injection (OWASP, "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`, a tab or a
 *   carriage return is one a spreadsheet may evaluate, so it gets a leading single quote, which spreadsheets
 *   show as text. Key names, e-mails and request ids are chosen by people outside the organisation's control.
 * - RFC 4180 quoting: a cell holding a comma, a double quote, a CR or an LF is wrapped in double quotes with
 *   its quotes doubled; records end with CRLF.
 *
 * https://owasp.org/www-community/attacks/CSV_Injection · https://www.rfc-editor.org/rfc/rfc4180
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: neutralised against formulas, then quoted when RFC 4180 asks for it. Empty for null. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** A download's file name for a day: `labwise-audit-2026-11-28.csv`. */
export function auditCsvFileName(now: Date): string {
  return `labwise-audit-${now.toISOString().slice(0, 10)}.csv`;
}
