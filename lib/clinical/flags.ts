/**
 * Flagging a result against a reference range. Pure. The lab's own flag is the authority when it printed one,
 * then its own range (DESIGN §7); a range in another unit than the value cannot be compared, and an inverted
 * range (low above high) places nothing, so either gives "Indeterminate", never a guessed flag.
 */
export type Flag = "Low" | "High" | "Normal" | "Critical" | "Abnormal" | "Indeterminate";

export interface FlagInput {
  valueNumber?: number | null;
  comparator?: string | null;
  valueText?: string | null;
  unit?: string | null;
  range?: { low?: number | null; high?: number | null; unit?: string | null } | null;
  /** The flag the lab printed (H, L, HH, LL, A, N, High, LOW, …). */
  reportedFlag?: string | null;
}

/**
 * Flags as labs print them. HL7 v2 OBX-8 (table 0078) and FHIR's ObservationInterpretation share the codes:
 * HH / LL are above or below the panic limits and AA is critically abnormal; `>` and `<` are off the
 * instrument's scale, high or low. All of those, and the words "critical" and "panic" however a lab spells
 * them ("Critical high", "PANIC LOW", "H*"), are Critical.
 */
const REPORTED: Record<string, Flag> = {
  h: "High",
  hi: "High",
  high: "High",
  "above high normal": "High",
  "↑": "High",
  l: "Low",
  lo: "Low",
  low: "Low",
  "below low normal": "Low",
  "↓": "Low",
  hh: "Critical",
  ll: "Critical",
  hhh: "Critical",
  lll: "Critical",
  aa: "Critical",
  ">": "Critical",
  "<": "Critical",
  ">>": "Critical",
  "<<": "Critical",
  "h*": "Critical",
  "l*": "Critical",
  "*h": "Critical",
  "*l": "Critical",
  "!h": "Critical",
  "!l": "Critical",
  ch: "Critical",
  cl: "Critical",
  a: "Abnormal",
  abnormal: "Abnormal",
  n: "Normal",
  normal: "Normal",
  wnl: "Normal",
};

export function normalizeReportedFlag(flag: string | null | undefined): Flag | null {
  if (!flag) return null;
  const text = flag.trim().toLowerCase();
  if (/\b(?:critical|panic|critically)\b/.test(text)) return "Critical";
  return REPORTED[text] ?? REPORTED[text.replace(/\s+/g, " ")] ?? null;
}

/**
 * Why a printed range cannot be read against, or null when it can: a low bound above the high bound, or a
 * bound that is not a finite number. Such a range is reported as unusable and never used to flag.
 */
export function rangeProblem(range: { low?: number | null; high?: number | null }): string | null {
  const { low, high } = range;
  if ((low != null && !Number.isFinite(low)) || (high != null && !Number.isFinite(high))) return "a bound is not a number";
  if (low != null && high != null && low > high) return "its low bound is above its high bound";
  return null;
}

function sameUnit(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return true;
  return a.replace(/\s+/g, "").toLowerCase() === b.replace(/\s+/g, "").toLowerCase();
}

export function flagAgainstRange(input: FlagInput): Flag | null {
  const reported = normalizeReportedFlag(input.reportedFlag);
  const { range } = input;
  const hasBounds = range && (range.low != null || range.high != null);
  if (input.valueNumber == null || !hasBounds) return reported;
  // A malformed range (low above high, a bound that is not a number) places nothing, so it flags nothing.
  if (rangeProblem(range)) return reported ?? "Indeterminate";
  // The lab's own interpretation wins when it gave one: it knows its method, its population and its limits.
  if (reported) return reported;
  if (!sameUnit(input.unit, range.unit)) return "Indeterminate";
  const value = input.valueNumber;
  // "<5" against a range whose low bound is 5 or more cannot be placed; against a high bound it is below it.
  if (input.comparator?.startsWith("<") && range.low != null && value <= range.low) return "Indeterminate";
  if (input.comparator?.startsWith(">") && range.high != null && value >= range.high) return "High";
  if (range.low != null && value < range.low) return "Low";
  if (range.high != null && value > range.high) return "High";
  return "Normal";
}
