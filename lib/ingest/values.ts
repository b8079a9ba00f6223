/**
 * Reading values and reference ranges as labs write them ("1.8 mg/dL", "<5", "Negative", "13 to 18",
 * "70_105", "<9 mcg/dL: Acceptable background lead exposure") into numbers, without losing what was written.
 */
import { NUMBER_PATTERN, readNumber } from "./numbers";
import type { ParsedRange, ParsedValue } from "./types";

export { parseDate } from "./dates";

type Comparator = NonNullable<ParsedValue["comparator"]>;

const COMPARATOR_PATTERN = String.raw`<=|>=|=<|=>|≤|≥|<|>`;
const WORD_COMPARATORS: [RegExp, Comparator][] = [
  [/^(?:less than or equal to|up to|at most)\s+/i, "<="],
  [/^(?:greater than or equal to|at least)\s+/i, ">="],
  [/^(?:less than|below|under)\s+/i, "<"],
  [/^(?:greater than|more than|above|over)\s+/i, ">"],
];
const LEADING_NUMBER = new RegExp(`^(${COMPARATOR_PATTERN})?\\s*(${NUMBER_PATTERN})(?![\\d+])\\s*(.*)$`, "s");
const BETWEEN = new RegExp(`^(${NUMBER_PATTERN})\\s*(?:-|–|—|_|~|to|through)\\s*(${NUMBER_PATTERN})(?![\\d])\\s*(.*)$`, "is");
/** "1+" … "4+" and "+", "++" are graded text results, not numbers. */
const GRADED = /^(?:[1-4]\s*\+|\++)$/;

/** A unit is one or two short tokens made of unit characters ("mg/dL", "x10^3/uL", "mL/min/1.73 m2"). */
export function isUnitLike(text: string): boolean {
  if (text.length === 0 || text.length > 24) return false;
  const tokens = text.split(/\s+/);
  return tokens.length <= 2 && tokens.every((token) => /^[A-Za-zµμ%/*^0-9.{}()[\]×\-·]+$/.test(token)) && /[A-Za-zµμ%/]/.test(text);
}

function toComparator(symbol: string | undefined): Comparator | undefined {
  switch (symbol) {
    case "<":
      return "<";
    case ">":
      return ">";
    case "<=":
    case "=<":
    case "≤":
      return "<=";
    case ">=":
    case "=>":
    case "≥":
      return ">=";
    default:
      return undefined;
  }
}

/** Turns "less than 5" into "<5" so that both read the same way. */
function normaliseWords(text: string): string {
  for (const [pattern, symbol] of WORD_COMPARATORS) {
    if (pattern.test(text)) return symbol + text.replace(pattern, "");
  }
  return text;
}

/**
 * Reads a result value. Numbers (with an optional comparator and a unit written after them) go to
 * `valueNumber`; anything else — "Negative", "2+", "Many spherocytes present." — stays as `valueText`
 * so a qualitative result is never mistaken for a number.
 */
export function parseValue(raw: string): ParsedValue {
  const text = raw.trim();
  if (text === "") return {};
  if (GRADED.test(text)) return { valueText: text };
  const match = LEADING_NUMBER.exec(normaliseWords(text));
  if (match) {
    const [, symbol, numberToken, rest] = match;
    const valueNumber = readNumber(numberToken);
    const unit = rest.trim();
    if (valueNumber !== undefined && (unit === "" || isUnitLike(unit))) {
      const parsed: ParsedValue = { valueNumber };
      const comparator = toComparator(symbol);
      if (comparator) parsed.comparator = comparator;
      if (unit) parsed.unit = unit;
      return parsed;
    }
  }
  return { valueText: text };
}

/** Splits what follows the bounds into a unit and any descriptive words ("mcg/dL: Acceptable …"). */
function splitTail(tail: string): { unit?: string; words?: string } {
  const trimmed = tail.trim().replace(/^[:;,]\s*/, "");
  if (trimmed === "") return {};
  const [head, ...more] = trimmed.split(/\s*[:;]\s*|\s{2,}|,\s+/);
  const unitCandidate = head.trim();
  if (isUnitLike(unitCandidate) && unitCandidate.split(/\s+/).length === 1) {
    const words = more.join(" ").trim();
    return words ? { unit: unitCandidate, words } : { unit: unitCandidate };
  }
  return { words: trimmed };
}

/**
 * Reads a reference range: "0.7-1.3 mg/dL", "13 to 18", "70_105" (an HL7 v2 habit), "3.5–5.5", "<200",
 * ">= 60" and "<9 mcg/dL: Acceptable background lead exposure". Two-sided ranges include both bounds, as
 * labs mean them; one-sided ranges keep the comparator's strictness. When the range carries words beyond
 * its bounds and unit, `text` keeps the whole range as written; ranges with no bounds at all are text only.
 */
export function parseRange(raw: string): ParsedRange {
  const text = raw.trim().replace(/\s+/g, " ");
  if (text === "") return {};
  const between = BETWEEN.exec(text);
  if (between) {
    const low = readNumber(between[1]);
    const high = readNumber(between[2]);
    if (low !== undefined && high !== undefined) {
      return withTail({ low, high, lowInclusive: true, highInclusive: true }, between[3], text);
    }
  }
  const oneSided = LEADING_NUMBER.exec(normaliseWords(text));
  const comparator = toComparator(oneSided?.[1]);
  if (oneSided && comparator) {
    const bound = readNumber(oneSided[2]);
    if (bound !== undefined) {
      const inclusive = comparator.endsWith("=");
      const range: ParsedRange = comparator.startsWith("<")
        ? { high: bound, highInclusive: inclusive }
        : { low: bound, lowInclusive: inclusive };
      return withTail(range, oneSided[3], text);
    }
  }
  return { text };
}

function withTail(range: ParsedRange, tail: string, whole: string): ParsedRange {
  const { unit, words } = splitTail(tail);
  if (unit) range.unit = unit;
  if (words) range.text = whole;
  return range;
}
