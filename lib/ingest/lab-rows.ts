/**
 * Reads result rows from the lines of a printed lab report ("Test  Result  Unit  Reference Range  Flag").
 * With a header row, cells are placed in columns by their position under the headings; without one, a
 * line must read as "name value [unit] [range] [flag]" and carry a unit or a range to count. Lines with a
 * "Label: value" shape (patient, doctor, dates) are never results; their collection or report date is kept.
 */
import { type Column, columnFor, mapHeader } from "./columns";
import { type TextLine, type Word, lineText } from "./layout";
import { buildAnalyte } from "./analyte";
import type { ExtractedAnalyte, SkippedEntry } from "./types";
import { parseDate, parseValue } from "./values";

export interface TableRow {
  name: string;
  value: string;
  unit?: string;
  referenceRange?: string;
  flag?: string;
  where: string;
  page: number;
  /** Mean OCR confidence of the row's words, when read by OCR. */
  confidence?: number;
}

export interface TableRead {
  rows: TableRow[];
  skipped: SkippedEntry[];
  /** The report's collection (else report) date as written, applied to rows without their own date. */
  reportDate?: string;
}

const QUALITATIVE = /^(negative|positive|trace|not detected|detected|reactive|non-?reactive|nonreactive|present|absent|normal|abnormal|equivocal|indeterminate|none seen|[1-4]\s*\+|\++)$/i;
const FLAG = /^(h|l|hh|ll|a|aa|n|high|low|normal|abnormal|critical|crit|\*{1,2}|[hl]\*)$/i;
const LABEL = /(^|\s)[A-Za-z][A-Za-z .'/#-]{0,30}:(\s|$)/;
const COLLECTION_DATE = /\b(?:date collected|collection date|collected(?: on)?|specimen date|sample date|date of collection)\s*:\s*(.+?)(?:\s{2,}|$)/i;
const REPORT_DATE = /\b(?:report date|date reported|reported(?: on)?|result date|date)\s*:\s*(.+?)(?:\s{2,}|$)/i;
const NUMBER = String.raw`\d[\d,]*(?:\.\d+)?`;
const LINE = new RegExp(
  String.raw`^(?<name>.*?[A-Za-z].*?)\s+(?<value>(?:[<>≤≥]=?\s*)?-?${NUMBER}|negative|positive|trace|not detected|detected|reactive|non-?reactive)` +
    String.raw`(?:\s+(?<unit>10[\^*]\d+/\S+|x\s?10\^?\d+/\S+|[^\s\d<>≤≥-]\S*))?` +
    String.raw`(?:\s+(?<range>(?:[<>≤≥]=?\s*${NUMBER})|(?:-?${NUMBER}\s*(?:-|–|—|to)\s*-?${NUMBER})))?` +
    String.raw`(?:\s+(?<flag>hh|ll|h|l|a|n|high|low|normal|abnormal|critical|\*{1,2}))?$`,
  "i",
);

/** A result a lab would print: a number, or one of the usual qualitative words. */
export function isResultValue(value: string): boolean {
  return parseValue(value).valueNumber !== undefined || QUALITATIVE.test(value.trim());
}

interface ColumnStart {
  column: Column;
  x0: number;
}

function headerOf(line: TextLine): ColumnStart[] | undefined {
  const cells = line.cells;
  if (cells.length < 2 || !mapHeader(cells.map((cell) => cell.text))) return undefined;
  return cells.flatMap((cell) => {
    const column = columnFor(cell.text);
    return column ? [{ column, x0: cell.x0 }] : [];
  });
}

/** Places each cell under the heading it starts at (or just left of, within `slack`). */
function assign(cells: Word[], columns: ColumnStart[], slack: number): Partial<Record<Column, string>> {
  const placed: Partial<Record<Column, string>> = {};
  for (const cell of cells) {
    const target = [...columns].reverse().find((column) => cell.x0 + slack >= column.x0) ?? columns[0];
    placed[target.column] = placed[target.column] ? `${placed[target.column]} ${cell.text}` : cell.text;
  }
  return placed;
}

function fromPattern(text: string): Omit<TableRow, "where" | "page"> | undefined {
  const match = LINE.exec(text.replace(/\s+/g, " ").trim());
  const groups = match?.groups;
  if (!groups) return undefined;
  // "CRP 18.5 HIGH": a lone word after the value that reads as a flag is the flag, not a unit.
  const unitIsFlag = Boolean(groups.unit && !groups.flag && !groups.range && FLAG.test(groups.unit));
  const unit = unitIsFlag ? undefined : groups.unit;
  const flag = unitIsFlag ? groups.unit : groups.flag;
  if (!unit && !groups.range) return undefined;
  return { name: groups.name.trim(), value: groups.value.trim(), unit, referenceRange: groups.range?.trim(), flag };
}

const meanConfidence = (cells: Word[]) => {
  const known = cells.flatMap((cell) => (cell.confidence === undefined ? [] : [cell.confidence]));
  return known.length > 0 ? known.reduce((sum, value) => sum + value, 0) / known.length : undefined;
};

/**
 * Reads every result row in reading order. `slack` is how far left of its heading a cell may start and
 * still belong to it (right-aligned numbers); one character height is a good value.
 */
export function readLabRows(lines: TextLine[], slack: (line: TextLine) => number): TableRead {
  const read: TableRead = { rows: [], skipped: [] };
  let columns: ColumnStart[] | undefined;
  let collectionDate: string | undefined;
  let reportDate: string | undefined;

  for (const line of lines) {
    const text = lineText(line);
    const where = `page ${line.page}, line ${line.number}`;
    const header = headerOf(line);
    if (header) {
      columns = header;
      continue;
    }
    if (LABEL.test(text)) {
      const collected = COLLECTION_DATE.exec(text)?.[1];
      const reported = REPORT_DATE.exec(text)?.[1];
      if (collected && parseDate(collected)) collectionDate ??= collected;
      if (reported && parseDate(reported)) reportDate ??= reported;
      continue;
    }
    const confidence = meanConfidence(line.cells);
    const withConfidence = confidence === undefined ? {} : { confidence };
    if (columns) {
      const placed = assign(line.cells, columns, slack(line));
      const others = (["value", "unit", "range", "flag"] as const).some((column) => placed[column]);
      if (!placed.name || !others) continue;
      if (placed.value && isResultValue(placed.value)) {
        read.rows.push({ name: placed.name, value: placed.value, unit: placed.unit, referenceRange: placed.range, flag: placed.flag, where, page: line.page, ...withConfidence });
        continue;
      }
      const pattern = fromPattern(text);
      if (pattern) {
        read.rows.push({ ...pattern, where, page: line.page, ...withConfidence });
        continue;
      }
      read.skipped.push({ reason: `could not read a result for "${placed.name}"${placed.value ? ` (read "${placed.value}")` : ""}`, where });
      continue;
    }
    const pattern = fromPattern(text);
    if (pattern) read.rows.push({ ...pattern, where, page: line.page, ...withConfidence });
  }
  read.reportDate = collectionDate ?? reportDate;
  return read;
}

/** A table row as an analyte; rows carry no date of their own, so the report's date applies. */
export function analyteFromRow(row: TableRow, reportDate: string | undefined): ExtractedAnalyte {
  return buildAnalyte({ name: row.name, value: row.value, unit: row.unit, referenceRange: row.referenceRange, flag: row.flag, date: reportDate });
}
