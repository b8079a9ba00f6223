/**
 * The reference range every surface shows for a stored analyte. Normally the range as the lab printed it
 * (`raw_range`), else the text Labwise wrote (a catalogue interval). A printed range the pipeline found
 * unusable (low above high, a bound that is not a number) keeps its raw text untouched, as every raw column
 * does, and is shown through `reference_text`, which says what was printed and why it was not used.
 */
import type { Analyte } from "../db";

/** `reference_source` of a lab range found unusable: its bounds are dropped and its text says why. */
export const UNUSABLE_RANGE = "unusable";

/** The text stored for an unusable range: what was printed, and why it was not used. */
export function unusableRangeText(printed: string, problem: string): string {
  return `${printed ? `${printed} ` : ""}(not usable: ${problem})`;
}

/**
 * Why a stored analyte's printed range was found unusable, or null: read back from the row the mapping step
 * wrote, so a retried step (the bounds already dropped) neither flags against it nor falls back to the
 * catalogue's interval.
 */
export function unusableRangeProblem(a: Pick<Analyte, "referenceSource" | "referenceText">): string | null {
  if (a.referenceSource !== UNUSABLE_RANGE) return null;
  return a.referenceText?.match(/\(not usable: (.+)\)$/)?.[1] ?? "the printed range is not usable";
}

export function shownRange(a: Pick<Analyte, "rawRange" | "referenceText" | "referenceSource">): string | null {
  if (a.referenceSource === UNUSABLE_RANGE) return a.referenceText ?? a.rawRange;
  return a.rawRange ?? a.referenceText;
}
