/**
 * Number, unit and result formatting shared by the rules' sentences and the narratives. What it returns is
 * Markdown: a lab's own strings (units, text results, printed ranges) pass through `escapeMarkdown`.
 */
import { escapeMarkdown } from "../narrative/escape";
import type { PanelValue } from "../panel";

/** At most `digits` decimals, no trailing zeros: 38 → "38", 1.80 → "1.8", 0.125 → "0.13". */
export function fmt(value: number, digits = 1): string {
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}

/** The printed UCUM unit as people read it, escaped for Markdown (an unknown analyte's unit is the lab's). */
export function unitLabel(unit: string): string {
  return escapeMarkdown(unit.replace("{1.73_m2}", "1.73 m²").replace("10*9/L", "×10⁹/L").replace("10*12/L", "×10¹²/L").replace("10*3/uL", "×10³/µL").replace("10*6/uL", "×10⁶/µL").replace("[IU]", "IU").replace(/\{[^}]*\}/g, "").replace(/^ratio$/, "").trim());
}

/** "1.8 mg/dL" */
export function withUnit(value: number, unit: string, digits = 1): string {
  const label = unitLabel(unit);
  if (label === "%") return `${fmt(value, digits)}%`;
  return label ? `${fmt(value, digits)} ${label}` : fmt(value, digits);
}

/** The result as it reads: "1.8 mg/dL", or the text of a text result ("Negative"). */
export function resultText(v: PanelValue): string {
  return v.value !== null ? withUnit(v.value, v.unit, 2) : escapeMarkdown(v.text ?? "");
}

/**
 * The interval a value was read against, in the value's (canonical) unit: "3.5–5.1 mmol/L", "≥ 60 …",
 * "≤ 200 …"; the printed text only when there are no bounds (it may be in the lab's unit).
 */
export function referenceText(v: PanelValue): string {
  const r = v.reference;
  if (!r) return "no range";
  if (r.low === undefined && r.high === undefined) return r.text !== undefined ? escapeMarkdown(r.text) : "no range";
  const unit = unitLabel(v.unit);
  if (r.low !== undefined && r.high !== undefined) return `${fmt(r.low, 2)}–${fmt(r.high, 2)} ${unit}`;
  return r.low !== undefined ? `≥ ${fmt(r.low, 2)} ${unit}` : `≤ ${fmt(r.high!, 2)} ${unit}`;
}
