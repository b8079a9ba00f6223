/**
 * One received analyte → the catalogue entry it is, its value in the catalogue's canonical UCUM unit, the
 * reference interval that applies and its flag. Pure.
 *
 * Precedence (DESIGN §7): the lab's own reference range wins; without one, the catalogue's adult interval
 * for the patient's sex and age is used; a value whose unit cannot be reconciled with the catalogue is
 * "Indeterminate", never "Normal". Critical limits apply in either case.
 */
import { findByLoinc, findByName, referenceFor } from "./catalogue";
import type { AnalyteDefinition } from "./catalogue/types";
import type { Sex } from "./derived";
import { flagAgainstRange, type Flag } from "./flags";
import type { PatientFacts } from "./patient";
import { convert, toUcum } from "./units";

export interface ReceivedAnalyte {
  name: string;
  loinc?: string | null;
  valueNumber?: number | null;
  comparator?: string | null;
  valueText?: string | null;
  unit?: string | null;
  range?: { low?: number | null; high?: number | null } | null;
  reportedFlag?: string | null;
}

export type { Sex };

export type { PatientFacts } from "./patient";

export interface NormalizedAnalyte {
  definition: AnalyteDefinition | null;
  loinc: string | null;
  displayName: string;
  category: string | null;
  /** The received unit in UCUM, when it could be read. */
  unit: string | null;
  normalizedValue: number | null;
  normalizedUnit: string | null;
  reference: { low?: number; high?: number; unit: string | null; source: "lab" | "catalogue" } | null;
  flag: Flag | null;
}

export function identify(name: string, loinc?: string | null): AnalyteDefinition | null {
  return (loinc ? findByLoinc(loinc) : undefined) ?? findByName(name) ?? null;
}

/** The value in the definition's canonical unit, or null when the units cannot be reconciled. */
export function toCanonical(value: number, unit: string | null, definition: AnalyteDefinition): number | null {
  if (!unit) return null;
  if (unit === definition.unit) return value;
  const alternate = definition.alternateUnits?.find((u) => u.unit === unit && u.factor !== undefined);
  if (alternate) return value * alternate.factor!;
  return convert(value, unit, definition.unit, { molarMass: definition.molarMass });
}

function beyondCritical(value: number, definition: AnalyteDefinition): boolean {
  const critical = definition.critical;
  return Boolean(critical && ((critical.low !== undefined && value < critical.low) || (critical.high !== undefined && value > critical.high)));
}

/** True when the lab's range, converted to the catalogue's unit, is more than 5× away from all its intervals. */
function implausibleRange(range: { low?: number | null; high?: number | null }, unit: string | null, definition: AnalyteDefinition): boolean {
  const bound = range.high ?? range.low;
  if (bound == null || bound <= 0 || !definition.reference.length) return false;
  const converted = toCanonical(bound, unit, definition);
  if (converted === null) return false;
  const limits = definition.reference.map((r) => (range.high != null ? r.high : r.low)).filter((v): v is number => v !== undefined && v > 0);
  return limits.length > 0 && limits.every((limit) => converted / limit > 5 || limit / converted > 5);
}

export function normalizeAnalyte(input: ReceivedAnalyte, patient: PatientFacts = {}): NormalizedAnalyte {
  const definition = identify(input.name, input.loinc);
  const unit = toUcum(input.unit);
  const value = input.valueNumber ?? null;
  const normalizedValue = definition && value !== null ? toCanonical(value, unit, definition) : null;
  const labRange = input.range && (input.range.low != null || input.range.high != null) ? input.range : null;

  let reference: NormalizedAnalyte["reference"] = null;
  let flag: Flag | null;
  if (labRange) {
    reference = { low: labRange.low ?? undefined, high: labRange.high ?? undefined, unit, source: "lab" };
    flag = flagAgainstRange({ valueNumber: value, comparator: input.comparator, valueText: input.valueText, unit, range: labRange, reportedFlag: input.reportedFlag });
  } else if (definition && value !== null) {
    const interval = referenceFor(definition, patient);
    reference = interval ? { low: interval.low, high: interval.high, unit: definition.unit, source: "catalogue" } : null;
    flag =
      normalizedValue === null
        ? "Indeterminate"
        : flagAgainstRange({ valueNumber: normalizedValue, comparator: input.comparator, range: interval ?? null, reportedFlag: input.reportedFlag });
  } else {
    flag = flagAgainstRange({ valueNumber: value, valueText: input.valueText, reportedFlag: input.reportedFlag });
  }
  // A lab range that, in the catalogue's unit, lies far from every catalogue interval means the printed unit
  // is wrong (a sample reports haemoglobin 12.5 "g/mL" with range 13–18): the lab's flag against its own
  // range stands, but the converted value is not used, neither for critical limits nor by the rules.
  const unitSuspect = definition !== null && labRange !== null && implausibleRange(labRange, unit, definition);
  if (definition && normalizedValue !== null && !unitSuspect && beyondCritical(normalizedValue, definition)) flag = "Critical";

  return {
    definition,
    loinc: input.loinc ?? definition?.loinc[0] ?? null,
    displayName: definition?.name ?? input.name,
    category: definition?.category ?? null,
    unit,
    normalizedValue: unitSuspect ? null : normalizedValue,
    normalizedUnit: normalizedValue !== null && !unitSuspect ? definition!.unit : null,
    reference,
    flag,
  };
}
