/**
 * Flagging a result against a reference range. Pure. The lab's own range is the authority when it exists
 * (DESIGN §7); a range in another unit than the value cannot be compared, so the flag is "Indeterminate",
 * never a guessed "Normal".
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

const REPORTED: Record<string, Flag> = {
  h: "High",
  high: "High",
  l: "Low",
  low: "Low",
  hh: "Critical",
  ll: "Critical",
  critical: "Critical",
  "critical high": "Critical",
  "critical low": "Critical",
  a: "Abnormal",
  aa: "Critical",
  abnormal: "Abnormal",
  n: "Normal",
  normal: "Normal",
};

export function normalizeReportedFlag(flag: string | null | undefined): Flag | null {
  if (!flag) return null;
  return REPORTED[flag.trim().toLowerCase()] ?? null;
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
  if (!sameUnit(input.unit, range.unit)) return reported === "Critical" ? reported : "Indeterminate";
  const value = input.valueNumber;
  // "<5" against a range whose low bound is 5 or more cannot be placed; against a high bound it is below it.
  if (input.comparator?.startsWith("<") && range.low != null && value <= range.low) return reported ?? "Indeterminate";
  if (input.comparator?.startsWith(">") && range.high != null && value >= range.high) return reported === "Critical" ? reported : "High";
  let computed: Flag = "Normal";
  if (range.low != null && value < range.low) computed = "Low";
  else if (range.high != null && value > range.high) computed = "High";
  // The lab knows its critical limits; a reported critical flag is kept over a plain High/Low.
  return reported === "Critical" ? "Critical" : computed;
}
