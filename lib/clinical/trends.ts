/**
 * Change since the previous result of the same analyte (DESIGN §7: "change since last, direction"), with the
 * first result of the history and how many there are, so a long history is read whole. Only results at
 * distinct times make a trend (the panel's history holds none at the latest result's instant). Pure and
 * descriptive: whether a change matters is for the rules, which know each analyte's variability.
 */
import type { Panel } from "./panel";

export interface Trend {
  code: string;
  name: string;
  unit: string;
  previous: number;
  previousAt: Date | null;
  current: number;
  currentAt: Date | null;
  change: number;
  /** Relative to the previous value; null when the previous value was 0. */
  percentChange: number | null;
  direction: "up" | "down" | "unchanged";
  /** How many earlier results there are, each at its own time. */
  points: number;
  /** The oldest earlier result (the previous one when there is only one); absent in trends stored before it. */
  first?: number;
  firstAt?: Date | null;
}

export function trends(panel: Panel): Trend[] {
  const out: Trend[] = [];
  for (const v of panel.values) {
    const history = panel.history(v.code);
    if (v.value === null || !history.length) continue;
    const last = history[history.length - 1];
    const first = history[0];
    const change = v.value - last.value;
    const scale = Math.max(Math.abs(v.value), Math.abs(last.value), 1e-9);
    out.push({
      code: v.code,
      name: v.name,
      unit: v.unit,
      previous: last.value,
      previousAt: last.observedAt,
      current: v.value,
      currentAt: v.observedAt,
      change,
      percentChange: last.value === 0 ? null : (change / Math.abs(last.value)) * 100,
      // Differences below a thousandth of the value are rounding, not change.
      direction: Math.abs(change) / scale < 1e-3 ? "unchanged" : change > 0 ? "up" : "down",
      points: history.length,
      first: first.value,
      firstAt: first.observedAt,
    });
  }
  return out;
}
