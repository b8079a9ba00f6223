import type { PanelValue } from "../panel";

export type Place = "low" | "high" | "normal" | null;

/**
 * Where a value sits against its range: the lab's (or catalogue's) flag first, then the bounds it was read
 * against; null when it cannot be placed (missing, text, indeterminate unit, no range).
 */
export function place(v: PanelValue | undefined): Place {
  if (!v || v.value === null || v.flag === "Indeterminate") return null;
  if (v.flag === "Low") return "low";
  if (v.flag === "High") return "high";
  if (v.flag === "Normal") return "normal";
  const { low, high } = v.reference ?? {};
  if (low !== undefined && v.value < low) return "low";
  if (high !== undefined && v.value > high) return "high";
  return low !== undefined || high !== undefined ? "normal" : null;
}
