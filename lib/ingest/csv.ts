/**
 * CSV lab exports: a header row naming the columns (in any order, any of the usual names), then one
 * result per row. Comma, semicolon, tab or pipe delimited; papaparse does the quoting rules.
 */
import Papa from "papaparse";
import { buildAnalyte, type RawAnalyte } from "./analyte";
import { type Column, mapHeader, rangeFromBounds } from "./columns";
import { ExtractionError, severalPeople } from "./errors";
import { checkResultCount, DEFAULT_LIMITS, type ExtractionLimits } from "./limits";
import type { ExtractionResult } from "./types";

const DELIMITERS = [",", ";", "\t", "|"];
/** Exports sometimes put a title or a patient line above the header; look a few rows down for it. */
const HEADER_SEARCH_ROWS = 10;
const LOINC = /^\d{1,7}-\d$/;

function parseRows(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { delimitersToGuess: DELIMITERS, skipEmptyLines: false });
  return parsed.data.map((row) => row.map((cell) => (cell ?? "").trim()));
}

/** True when the first non-empty line is a header Labwise recognises; used to detect CSV by content. */
export function looksLikeCsv(text: string): boolean {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/).find((line) => line.trim() !== "");
  if (!firstLine || !DELIMITERS.some((delimiter) => firstLine.includes(delimiter))) return false;
  const [header] = parseRows(firstLine);
  return header !== undefined && header.length > 1 && mapHeader(header) !== undefined;
}

/**
 * How many different people the subject columns (patient name, id, MRN…) name across the rows. Case and
 * spacing do not make a different person; a row with every subject cell empty names nobody.
 */
function countSubjects(rows: string[][], subjectColumns: number[]): number {
  if (subjectColumns.length === 0) return 0;
  const people = new Set<string>();
  for (const row of rows) {
    const key = subjectColumns.map((index) => (row[index] ?? "").toLowerCase().replace(/\s+/g, " ").trim()).join("\u0000");
    if (key.replace(/\u0000/g, "") !== "") people.add(key);
  }
  return people.size;
}

/** Too many result rows fail the file before a single row is read into an analyte. */
export function extractCsv(text: string, limits: Pick<ExtractionLimits, "maxAnalytes"> = DEFAULT_LIMITS): ExtractionResult {
  const rows = parseRows(text);
  const headerIndex = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => row.length > 1 && mapHeader(row));
  if (headerIndex < 0) {
    throw new ExtractionError('this CSV has no header row naming the test and result columns (for example "Test,Result,Unit,Reference Range")');
  }
  checkResultCount(rows.slice(headerIndex + 1).filter((row) => row.some((value) => value !== "")).length, limits);
  const columns = mapHeader(rows[headerIndex]) ?? {};
  const cell = (row: string[], column: Exclude<Column, "subject">) => {
    const index = columns[column];
    return index === undefined ? "" : (row[index] ?? "");
  };
  const dataRows = rows.slice(headerIndex + 1).filter((row) => row.some((value) => value !== ""));
  const people = countSubjects(dataRows, columns.subject ?? []);
  if (people > 1) throw severalPeople(people);

  const result: ExtractionResult = { format: "csv", analytes: [], skipped: [], warnings: [] };
  if (headerIndex > 0) result.warnings.push(`ignored ${headerIndex} line(s) above the header row`);
  rows.slice(headerIndex + 1).forEach((row, offset) => {
    const where = `row ${headerIndex + offset + 2}`;
    if (row.every((value) => value === "")) return;
    const name = cell(row, "name");
    const value = cell(row, "value");
    if (!name) {
      result.skipped.push({ reason: value ? `a result (${value}) with no test name` : "a row with no test name or result", where });
      return;
    }
    if (!value) {
      result.skipped.push({ reason: `no result value for "${name}"`, where });
      return;
    }
    const code = cell(row, "code");
    const raw: RawAnalyte = {
      name,
      value,
      unit: cell(row, "unit"),
      referenceRange: cell(row, "range") || rangeFromBounds(cell(row, "low"), cell(row, "high")),
      flag: cell(row, "flag"),
      date: cell(row, "date"),
      notes: cell(row, "notes"),
      ...(LOINC.test(code) ? { loinc: code, code: { system: "http://loinc.org", code } } : code ? { code: { code } } : {}),
    };
    result.analytes.push(buildAnalyte(raw));
  });
  return result;
}
