/**
 * One received analyte → the catalogue entry it is, its value in the catalogue's canonical UCUM unit, the
 * reference interval that applies and its flag. Pure.
 *
 * Precedence (DESIGN §7): the lab's own reference range wins; without one, the catalogue's adult interval
 * for the patient's sex and age is used; a value whose unit cannot be reconciled with the catalogue is
 * "Indeterminate", never "Normal". Critical limits apply in either case.
 */
import { CATALOGUE, findByLoinc, findByName, referenceFor } from "./catalogue";
import type { AnalyteDefinition } from "./catalogue/types";
import type { Sex } from "./derived";
import { flagAgainstRange, normalizeReportedFlag, rangeProblem, type Flag } from "./flags";
import { uncataloguedCode } from "./panel";
import type { PatientFacts } from "./patient";
import type { SourceId } from "./sources";
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
  /**
   * Why the lab's range was found unusable when this result was first mapped (its bounds are then no longer
   * stored): a re-run must not fall back to the catalogue's interval for it.
   */
  rangeUnusable?: string | null;
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
  /**
   * The interval the flag was read against. `problem` says why the lab's printed range could not be used
   * ("its low bound is above its high bound"): then it has no bounds and nothing was flagged against it.
   */
  reference: { low?: number; high?: number; unit: string | null; source: "lab" | "catalogue"; problem?: string } | null;
  flag: Flag | null;
  /** The source of a conversion that is a regression rather than a unit factor (HbA1c IFCC → NGSP). */
  conversionSource: SourceId | null;
}

const byCode = new Map(CATALOGUE.map((d) => [d.code, d]));

/**
 * The catalogue entry a received result is. By LOINC, else by the printed name; when the name is shared by
 * two analytes told apart only by their unit (a white-cell line as % and as an absolute count) the printed
 * unit decides, and a unit that fits neither leaves a name-only match unidentified rather than guessed: an
 * absolute count is never read as a percentage, nor a percentage as a count. `unit` is the unit as printed;
 * leave it out only where no unit was received at all.
 */
export function identify(name: string, loinc?: string | null, unit?: string | null): AnalyteDefinition | null {
  // Pure, and asked about the same few names thousands of times (every earlier result of a member, on each
  // new lab), at ~25 µs each: remembered, within a bound, since the names come from files.
  const key = `${name}\u0000${loinc ?? ""}\u0000${unit === undefined ? "\u0001" : (unit ?? "\u0002")}`;
  const known = identified.get(key);
  if (known !== undefined) return known;
  if (identified.size >= IDENTIFIED_MAX) identified.clear();
  const definition = identifyAnew(name, loinc, unit);
  identified.set(key, definition);
  return definition;
}

const identified = new Map<string, AnalyteDefinition | null>();
const IDENTIFIED_MAX = 4096;

function identifyAnew(name: string, loinc?: string | null, unit?: string | null): AnalyteDefinition | null {
  const byLoinc = loinc ? findByLoinc(loinc) : undefined;
  const definition = byLoinc ?? findByName(name) ?? null;
  if (!definition || unit === undefined) return definition;
  const ucum = toUcum(unit);
  // A name alone is weak evidence: "Carbon dioxide" in kPa is a blood gas's partial pressure, not the
  // bicarbonate of a chemistry panel. A name match whose printed unit measures another kind of quantity
  // altogether (not convertible even allowing mass ↔ substance) is not that analyte.
  if (!byLoinc && ucum && otherQuantity(ucum, definition)) return null;
  const other = definition.counterpart ? byCode.get(definition.counterpart) : undefined;
  // A count printed under a percentage's name (or the reverse) is the other analyte, or none we know.
  const printedKind = ucum ? kindOf(ucum) : null;
  if (printedKind && kindOf(definition.unit) && printedKind !== kindOf(definition.unit)) return other && kindOf(other.unit) === printedKind ? other : null;
  if (!other) return definition;
  if (ucum && toCanonical(1, ucum, definition) !== null) return definition;
  if (ucum && toCanonical(1, ucum, other) !== null) return other;
  return byLoinc ?? null;
}

/**
 * The panel key of a result the catalogue does not know: its name, with "%" or "#" when its unit is a share
 * or a count, so that a cell line's share and its count (reticulocytes in % and in ×10⁹/L) never overwrite
 * each other or read as one history.
 */
export function rawCode(name: string, unit: string | null | undefined): string {
  const ucum = toUcum(unit);
  const kind = ucum ? kindOf(ucum) : null;
  return uncataloguedCode("raw", `${name.toLowerCase()}${kind === "share" ? " %" : kind === "count" ? " #" : ""}`);
}

/** True when `unit` cannot measure what `definition` measures, in any of its units, even given a molar mass. */
function otherQuantity(unit: string, definition: AnalyteDefinition): boolean {
  const ratio = new Set(["%", "mmol/mol", "1", "{ratio}"]);
  if (ratio.has(unit) || ratio.has(definition.unit) || toCanonical(1, unit, definition) !== null) return false;
  const units = [definition.unit, ...(definition.alternateUnits ?? []).map((u) => u.unit)];
  // Any molar mass will do: the question is whether the two quantities are of one kind, not the factor.
  return units.every((target) => convert(1, unit, target, { molarMass: definition.molarMass ?? 100 }) === null);
}

/** Whether a UCUM unit is a share (%) or a count per volume: the two ways a cell line is reported. */
function kindOf(unit: string): "share" | "count" | null {
  if (unit === "%") return "share";
  return convert(1, unit, "10*3/uL") !== null ? "count" : null;
}

/** A UCUM code without its annotations, for comparing units: "mg/g{creat}" is "mg/g". */
const bare = (unit: string) => unit.replace(/\{(?!1\.73_m2\})[^}]*\}/g, "");

function alternateFor(unit: string, definition: AnalyteDefinition) {
  return definition.alternateUnits?.find((u) => bare(u.unit) === bare(unit) && u.factor !== undefined);
}

/** The value in the definition's canonical unit, or null when the units cannot be reconciled. */
export function toCanonical(value: number, unit: string | null, definition: AnalyteDefinition): number | null {
  if (!unit) return null;
  if (bare(unit) === bare(definition.unit)) return value;
  const alternate = alternateFor(unit, definition);
  if (alternate) return value * alternate.factor! + (alternate.offset ?? 0);
  return convert(value, bare(unit), definition.unit, { molarMass: definition.molarMass });
}

/** A canonical value expressed in another unit the definition knows (the reverse of `toCanonical`). */
export function fromCanonical(value: number, unit: string | null, definition: AnalyteDefinition): number | null {
  if (!unit) return null;
  if (bare(unit) === bare(definition.unit)) return value;
  const alternate = alternateFor(unit, definition);
  if (alternate) return (value - (alternate.offset ?? 0)) / alternate.factor!;
  return convert(value, definition.unit, bare(unit), { molarMass: definition.molarMass });
}

/** The source that must be cited for converting `unit` to the definition's unit, when it is a regression. */
export function conversionSource(unit: string | null, definition: AnalyteDefinition | null): SourceId | null {
  return (unit && definition && alternateFor(unit, definition)?.source) || null;
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
  const definition = identify(input.name, input.loinc, input.unit ?? null);
  const unit = toUcum(input.unit);
  const value = input.valueNumber ?? null;
  const normalizedValue = definition && value !== null ? toCanonical(value, unit, definition) : null;
  const printed = input.range && (input.range.low != null || input.range.high != null) ? input.range : null;
  // A malformed range (low above high, a bound that is not a number) is reported as such and flags nothing.
  const problem = input.rangeUnusable ?? (printed ? rangeProblem(printed) : null);
  const labRange = problem ? null : printed;

  let reference: NormalizedAnalyte["reference"] = null;
  let flag: Flag | null;
  if (problem) {
    reference = { unit, source: "lab", problem };
    flag = normalizeReportedFlag(input.reportedFlag) ?? (value !== null ? "Indeterminate" : null);
  } else if (labRange) {
    reference = { low: labRange.low ?? undefined, high: labRange.high ?? undefined, unit, source: "lab" };
    flag = flagAgainstRange({ valueNumber: value, comparator: input.comparator, valueText: input.valueText, unit, range: labRange, reportedFlag: input.reportedFlag });
  } else if (definition && value !== null) {
    const interval = referenceFor(definition, patient);
    // The catalogue's interval is only the reference when the value could be read against it.
    reference = interval && normalizedValue !== null ? { low: interval.low, high: interval.high, unit: definition.unit, source: "catalogue" } : null;
    flag =
      normalizedValue === null
        ? (normalizeReportedFlag(input.reportedFlag) ?? "Indeterminate")
        : flagAgainstRange({ valueNumber: normalizedValue, comparator: input.comparator, range: interval ?? null, reportedFlag: input.reportedFlag });
  } else {
    flag = flagAgainstRange({ valueNumber: value, valueText: input.valueText, reportedFlag: input.reportedFlag });
  }
  // A lab range that, in the catalogue's unit, lies far from every catalogue interval means the printed unit
  // is wrong (a sample reports haemoglobin 12.5 "g/mL" with range 13–18): the lab's flag against its own
  // range stands, but the converted value is not used, neither for critical limits nor by the rules.
  // So does a value the lab itself calls normal that, converted, would be beyond a critical limit (LAB-ORU-2's
  // haemoglobin 13.4 "g/l-1", flagged N: 13.4 g/L would be a critical 1.34 g/dL; the lab meant g/dL).
  const labSaysNormal = normalizeReportedFlag(input.reportedFlag) === "Normal";
  const unitSuspect =
    definition !== null &&
    ((labRange !== null && implausibleRange(labRange, unit, definition)) || (labSaysNormal && normalizedValue !== null && beyondCritical(normalizedValue, definition)));
  if (definition && normalizedValue !== null && !unitSuspect && beyondCritical(normalizedValue, definition)) flag = "Critical";
  const converted = normalizedValue !== null && !unitSuspect;

  return {
    definition,
    loinc: input.loinc ?? definition?.loinc[0] ?? null,
    displayName: definition?.name ?? input.name,
    category: definition?.category ?? null,
    unit,
    normalizedValue: converted ? normalizedValue : null,
    normalizedUnit: converted ? definition!.unit : null,
    reference,
    flag,
    conversionSource: converted ? conversionSource(unit, definition) : null,
  };
}
