/**
 * Reads result rows from the lines of a printed lab report ("Test  Result  Unit  Reference Range  Flag").
 * With a header row, cells are placed in columns by their position under the headings; without one, a
 * line must read as "name value [unit] [range] [flag]" and carry a unit or a range to count. Leaders
 * joining the name to its value ("ALT (SGPT) ........ 88 U/L (7 - 56) HIGH": runs of dots, middle dots,
 * underscores or dashes) are a column break, and a range may be printed in brackets. Lines with a
 * "Label: value" shape (patient, doctor, dates) are never results; their collection or report date is kept,
 * as is a collection date printed without a colon ("Specimen collected 01/14/2025 07:10").
 */
import { type Column, columnFor, mapHeader, rangeFromBounds } from "./columns";
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
/** "Specimen collected 01/14/2025 07:10" — a collection date printed without a colon. */
const COLLECTED_WITHOUT_COLON = /(?:^|\s)(?:(?:specimen|sample)\s+)?(?:collected|drawn)(?:\s+on)?\s+(\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)(?:\s|$)/i;
const NUMBER = String.raw`\d[\d,]*(?:\.\d+)?`;
/**
 * A name is everything up to its first letter, then as little as possible. (Written as `.*?[A-Za-z].*?`, a
 * line that is no result would be tried once per letter in it before failing: quadratic in its length.)
 */
const LINE = new RegExp(
  String.raw`^(?<name>[^A-Za-z]*[A-Za-z].*?)\s+(?<value>(?:[<>≤≥]=?\s*)?-?${NUMBER}|negative|positive|trace|not detected|detected|reactive|non-?reactive)` +
    String.raw`(?:\s+(?<unit>10[\^*]\d+/\S+|x\s?10\^?\d+/\S+|[^\s\d<>≤≥-]\S*))?` +
    String.raw`(?:\s+(?<open>[([])?(?<range>(?:[<>≤≥]=?\s*${NUMBER})|(?:-?${NUMBER}\s*(?:-|–|—|to)\s*-?${NUMBER}))(?<close>[)\]])?)?` +
    String.raw`(?:\s+(?<flag>hh|ll|h|l|a|n|high|low|normal|abnormal|critical|\*{1,2}))?$`,
  "i",
);

/**
 * Leaders printed between a test's name and its value: two or more dots, middle dots, bullets, ellipses or
 * underscores (spaced or not), or three or more dashes. A decimal point or a range's dash is never two in a row.
 * A match starts where a run of spaces starts: tried from inside a long run, it would rescan the run each time.
 */
const LEADER = /(?<!\s)\s*(?:(?:[.·•…‥_]\s?){2,}|(?:[-–—]\s?){3,})\s*/g;

/** The text with leaders replaced by a column break ("Albumin ....... 4.2" → "Albumin  4.2"). */
export function withoutLeaders(text: string): string {
  return text.replace(LEADER, "  ").trim();
}

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
  const match = LINE.exec(withoutLeaders(text).replace(/\s+/g, " ").trim());
  const groups = match?.groups;
  // A bracket around the range must close: "(7 - 56)" and "[130 - 170]", never "(7 - 56".
  if (!groups || Boolean(groups.open) !== Boolean(groups.close) || (groups.open && "([".indexOf(groups.open) !== ")]".indexOf(groups.close))) return undefined;
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
    const collectedOn = COLLECTED_WITHOUT_COLON.exec(text)?.[1];
    if (collectedOn && parseDate(collectedOn)) {
      collectionDate ??= collectedOn;
      continue;
    }
    const confidence = meanConfidence(line.cells);
    const withConfidence = confidence === undefined ? {} : { confidence };
    if (columns) {
      const placed = assign(line.cells, columns, slack(line));
      if (placed.name) placed.name = withoutLeaders(placed.name) || undefined;
      const others = (["value", "unit", "range", "low", "high", "flag"] as const).some((column) => placed[column]);
      if (!placed.name || !others) continue;
      if (placed.value && isResultValue(placed.value)) {
        const referenceRange = placed.range ?? rangeFromBounds(placed.low, placed.high);
        read.rows.push({ name: placed.name, value: placed.value, unit: placed.unit, referenceRange, flag: placed.flag, where, page: line.page, ...withConfidence });
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
