/**
 * What OCR read is checked before it is believed: a misread digit in a lab value is worse than a gap.
 * Rows that fail are listed in `skipped` with the reason, so the person can read them off the original.
 */
import type { TableRow } from "./lab-rows";
import type { SkippedEntry } from "./types";
import { parseRange, parseValue } from "./values";

/** Below this mean word confidence (0–100) a row is not trusted. */
export const MIN_ROW_CONFIDENCE = 60;
/** A value this many times outside its own reference range is more likely a misread (a lost decimal point). */
const IMPLAUSIBLE_FACTOR = 20;

const UNIT_PATTERNS = [
  /^[munpfkµμcd]?(?:g|mol|eq|u|iu|kat|osm)\/(?:[munpfkµμcd]?(?:l|g)|24\s?h|h|hr|day|min|cell|{cell})$/i,
  /^(?:[munpfµμ]?iu|[munpfµμ]?u|au|s\/co|ratio|index|titer)(?:\/[munpfµμcd]?l)?$/i,
  /^(?:x\s?)?10\s?[\^*]\s?\d+\s?\/\s?[munpµμ]?l$/i,
  /^(?:million|thousand|mill|cells|{cells}|k|m|x10e\d+)\/(?:[munpµμ]l|mm3|cumm|hpf|lpf)$/i,
  /^\/(?:[munpµμ]l|mm3|cumm|hpf|lpf)$/i,
  /^(?:%|fl|pg|mm\/hr?|mmhg|sec|s|seconds|ml\/min(?:\/1\.73\s?m2)?|mosm\/kg|g\/l-1|tera\.l-1|giga\.l-1)$/i,
];

/** True for units labs print ("mg/dL", "x10^3/uL", "mL/min/1.73m2"); OCR misreads like "JuL" fail. */
export function isPlausibleUnit(unit: string): boolean {
  const compact = unit.trim();
  return UNIT_PATTERNS.some((pattern) => pattern.test(compact));
}

/**
 * Characters OCR reads in place of a slash: at a small print size "/uL" comes back as "JuL", "IuL" or
 * "|uL", and "mg/dL" as "mgIdL".
 */
const SLASH_LOOKALIKES = new Set(["J", "I", "l", "|", "1", "]", "[", "(", ")", "!", "\\"]);

/**
 * The unit OCR meant when it read a slash as a lookalike: each lookalike in turn is read as "/", and the
 * repair counts only when exactly one such reading is a unit Labwise knows. An implausible unit with no
 * single repair stays undefined.
 */
export function repairedUnit(unit: string): string | undefined {
  const compact = unit.trim();
  if (isPlausibleUnit(compact)) return compact;
  const readings = new Set<string>();
  [...compact].forEach((character, index) => {
    if (!SLASH_LOOKALIKES.has(character)) return;
    const reading = `${compact.slice(0, index)}/${compact.slice(index + 1)}`;
    if (isPlausibleUnit(reading)) readings.add(reading);
  });
  return readings.size === 1 ? [...readings][0] : undefined;
}

/** A test name is words, mostly letters; OCR noise ("|~ ;:") is not. */
function isPlausibleName(name: string): boolean {
  const visible = name.replace(/\s+/g, "");
  const letters = visible.replace(/[^A-Za-z]/g, "").length;
  return /[A-Za-z]{2,}/.test(name) && letters / Math.max(visible.length, 1) >= 0.6;
}

export interface CheckedRows {
  rows: TableRow[];
  skipped: SkippedEntry[];
  warnings: string[];
}

/**
 * Keeps rows with a confident, plausible reading. A unit whose slash OCR misread ("JuL") is repaired
 * when only one repair makes it a unit (with a warning); any other implausible unit or range is dropped
 * from the row (with a warning) rather than kept wrong; an implausible name, low confidence or a value far outside
 * its range drops the row.
 */
export function checkOcrRows(rows: TableRow[]): CheckedRows {
  const checked: CheckedRows = { rows: [], skipped: [], warnings: [] };
  for (const row of rows) {
    const confidence = row.confidence ?? 0;
    if (confidence < MIN_ROW_CONFIDENCE) {
      checked.skipped.push({ reason: `this row could not be read reliably by OCR (confidence ${Math.round(confidence)}%); read it from the original`, where: row.where });
      continue;
    }
    if (!isPlausibleName(row.name)) {
      checked.skipped.push({ reason: `OCR could not read the test name ("${row.name}")`, where: row.where });
      continue;
    }
    const kept: TableRow = { ...row };
    const repaired = kept.unit ? repairedUnit(kept.unit) : undefined;
    if (kept.unit && repaired && repaired !== kept.unit.trim()) {
      checked.warnings.push(`${row.where}: OCR read the unit of ${row.name} as "${kept.unit}"; it was taken as "${repaired}" — check it on the original`);
      kept.unit = repaired;
    } else if (kept.unit && !repaired) {
      checked.warnings.push(`${row.where}: OCR read the unit of ${row.name} as "${kept.unit}", which is not a unit Labwise knows; it was left out — check it on the original`);
      delete kept.unit;
    }
    const range = kept.referenceRange ? parseRange(kept.referenceRange) : undefined;
    if (range?.low !== undefined && range.high !== undefined && range.low > range.high) {
      checked.warnings.push(`${row.where}: OCR read the reference range of ${row.name} as "${kept.referenceRange}", which is not a range; it was left out`);
      delete kept.referenceRange;
    }
    const value = parseValue(kept.value).valueNumber;
    const tooHigh = value !== undefined && range?.high !== undefined && range.high > 0 && value > range.high * IMPLAUSIBLE_FACTOR;
    const tooLow = value !== undefined && range?.low !== undefined && range.low > 0 && value < range.low / IMPLAUSIBLE_FACTOR;
    if (kept.referenceRange && (tooHigh || tooLow)) {
      checked.skipped.push({ reason: `OCR read ${kept.value} for ${row.name}, far outside its reference range ${kept.referenceRange}; check the original`, where: row.where });
      continue;
    }
    checked.rows.push(kept);
  }
  return checked;
}
