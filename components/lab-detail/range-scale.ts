/**
 * Where the range bar draws the reference interval and the value: the interval takes the middle half of the
 * bar, and the bar widens to take in a value far outside it. A one-sided interval ("<100", ">60") is drawn
 * from zero or to the bar's end. Percentages of the bar's width; pure.
 */
import type { PortalRangePosition } from "@/lib/portal/schemas";

export interface RangeScale {
  min: number;
  max: number;
  bandStart: number;
  bandEnd: number;
  marker: number;
}

export function rangeScale({ value, low, high }: Pick<PortalRangePosition, "value" | "low" | "high">): RangeScale {
  const from = low ?? Math.min(0, value);
  const to = high ?? Math.max(from * 2, value * 1.25, from + 1);
  const pad = (to - from) / 2 || Math.abs(to) || 1;
  let min = Math.min(low === null ? from : from - pad, value);
  const max = Math.max(high === null ? to : to + pad, value);
  // Lab values below zero are rare; a scale that starts below zero only for padding's sake reads wrongly.
  if (min < 0 && from >= 0 && value >= 0) min = 0;
  const at = (x: number) => (max === min ? 50 : ((x - min) / (max - min)) * 100);
  return { min, max, bandStart: at(from), bandEnd: high === null ? 100 : at(to), marker: at(value) };
}
