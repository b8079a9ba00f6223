/**
 * How one stored analyte reads on the lab detail page: the name and value as printed, the converted value
 * only when it says something new, the reference interval in words and where the value sits in it (the
 * range bar), and the flag in words with the direction of a critical value. Pure, so it is unit-tested.
 */
import type { Analyte } from "../db";
import { formatNumber } from "./format-number";
import type { PortalAnalyte, PortalAnalyteFlag, PortalAnalyteGroup, PortalRangePosition } from "./schemas";
import { shownRange } from "../labs/shown-range";

type AnalyteRow = Pick<
  Analyte,
  | "id"
  | "rawName"
  | "rawValue"
  | "rawUnit"
  | "rawRange"
  | "notes"
  | "loinc"
  | "displayName"
  | "category"
  | "valueNumber"
  | "valueComparator"
  | "unit"
  | "normalizedValue"
  | "normalizedUnit"
  | "referenceLow"
  | "referenceHigh"
  | "referenceText"
  | "referenceSource"
  | "flag"
  | "derived"
  | "resultStatus"
  | "observedAt"
>;

const FLAGS: readonly PortalAnalyteFlag[] = ["Low", "High", "Normal", "Critical", "Abnormal", "Indeterminate"];
const OTHER_CATEGORY = "Other";
const CALCULATED = /^Calculated:\s*/;

export function presentAnalyte(a: AnalyteRow): PortalAnalyte {
  const range = rangePosition(a);
  const flag = FLAGS.find((f) => f === a.flag) ?? null;
  return {
    id: a.id,
    name: a.displayName ?? a.rawName,
    rawName: a.rawName,
    value: a.rawValue,
    unit: a.rawUnit ?? a.unit,
    converted: convertedValue(a),
    referenceRange: shownRange(a) ?? (range ? range.label : null),
    referenceSource: a.referenceSource === "lab" || a.referenceSource === "catalogue" ? a.referenceSource : null,
    range,
    flag,
    flagLabel: flagLabel(flag, range),
    loinc: a.loinc,
    category: a.category ?? OTHER_CATEGORY,
    derived: a.derived,
    formula: a.derived && a.notes ? a.notes.replace(CALCULATED, "") : null,
    resultStatus: a.resultStatus === "preliminary" || a.resultStatus === "corrected" ? a.resultStatus : null,
    observedAt: a.observedAt?.toISOString() ?? null,
  };
}

/** Categories in the order the report first mentions them; analytes keep the report's order. */
export function groupByCategory(analytes: PortalAnalyte[]): PortalAnalyteGroup[] {
  const groups = new Map<string, PortalAnalyte[]>();
  for (const analyte of analytes) {
    const group = groups.get(analyte.category) ?? [];
    group.push(analyte);
    groups.set(analyte.category, group);
  }
  return [...groups].map(([category, items]) => ({ category, analytes: items }));
}

/**
 * The value against its interval. A catalogue interval is in the catalogue's unit (the normalised value), a
 * lab's own in the lab's unit (lib/labs/pipeline/fhir-step.ts reads them the same way). A value reported
 * as a bound ("<5") has no single place on the bar, so it gets none.
 */
export function rangePosition(a: AnalyteRow): PortalRangePosition | null {
  const catalogue = a.referenceSource === "catalogue";
  const value = catalogue ? a.normalizedValue : a.valueNumber;
  const unit = catalogue ? a.normalizedUnit : (a.unit ?? a.rawUnit);
  const { referenceLow: low, referenceHigh: high } = a;
  if (value === null || a.valueComparator || (low === null && high === null)) return null;
  const position = low !== null && value < low ? "below" : high !== null && value > high ? "above" : "within";
  const label = rangeLabel(low, high, unit);
  return { value, unit, low, high, position, label, description: rangeDescription(value, unit, position, label) };
}

export function rangeLabel(low: number | null, high: number | null, unit: string | null): string {
  const withUnit = (text: string) => (unit ? `${text} ${unit}` : text);
  if (low !== null && high !== null) return withUnit(`${formatNumber(low)}–${formatNumber(high)}`);
  if (high !== null) return `up to ${withUnit(formatNumber(high))}`;
  return `${withUnit(formatNumber(low!))} or more`;
}

/** What a screen reader hears for the range bar: "128 mmol/L, below the range 135–145 mmol/L". */
function rangeDescription(value: number, unit: string | null, position: PortalRangePosition["position"], label: string): string {
  return `${unit ? `${formatNumber(value)} ${unit}` : formatNumber(value)}, ${position} the range ${label}`;
}

function flagLabel(flag: PortalAnalyteFlag | null, range: PortalRangePosition | null): string | null {
  if (flag !== "Critical" || !range || range.position === "within") return flag;
  return range.position === "above" ? "Critical high" : "Critical low";
}

/** The normalised value, when its number or unit differs from what the lab printed (UCUM brackets aside). */
function convertedValue(a: AnalyteRow): { value: number; unit: string } | null {
  if (a.normalizedValue === null || !a.normalizedUnit) return null;
  const sameUnit = unitKey(a.normalizedUnit) === unitKey(a.rawUnit ?? a.unit ?? "");
  const sameValue = a.valueNumber !== null && Math.abs(a.valueNumber - a.normalizedValue) < 1e-9;
  return sameUnit && sameValue ? null : { value: a.normalizedValue, unit: a.normalizedUnit };
}

const unitKey = (unit: string) => unit.replace(/[[\]\s]/g, "").toLowerCase();
