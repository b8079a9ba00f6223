/**
 * The code systems the lab Bundle uses, and our flags as HL7 v3 ObservationInterpretation codes
 * (https://terminology.hl7.org/CodeSystem-v3-ObservationInterpretation.html). Pure.
 */
/** A FHIR Coding (a JSON object: `display` is left out rather than undefined). */
export type Coding = { system: string; code: string } | { system: string; code: string; display: string };

export const FHIR = {
  loinc: "http://loinc.org",
  ucum: "http://unitsofmeasure.org",
  observationCategory: "http://terminology.hl7.org/CodeSystem/observation-category",
  v2DiagnosticServiceSection: "http://terminology.hl7.org/CodeSystem/v2-0074",
  interpretation: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
  dataAbsentReason: "http://terminology.hl7.org/CodeSystem/data-absent-reason",
  /** Labwise's own analyte codes: the catalogue's kebab-case code, or the name as the lab printed it. */
  labwiseAnalyte: "https://labwise.dev/fhir/CodeSystem/analyte",
} as const;

/** Security label of the Bundle and its Patient: identifiers replaced by a pseudonym (HL7 v3 ObservationValue). */
export const PSEUDONYMIZED: Coding = { system: "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", code: "PSEUDED", display: "pseudonymized" };

const code = (c: string, display: string): Coding => ({ system: FHIR.interpretation, code: c, display });

const BY_FLAG: Record<string, Coding> = {
  Low: code("L", "Low"),
  High: code("H", "High"),
  Normal: code("N", "Normal"),
  Abnormal: code("A", "Abnormal"),
  Indeterminate: code("IND", "Indeterminate"),
};

/**
 * The interpretation of an analyte's flag. "Critical" carries no side in our data, so the side is read from
 * the value against the range: above the high bound is HH (critically high), below the low bound LL; a
 * critical result that cannot be placed (a text result, no range) is AA, critically abnormal.
 */
export function interpretationOf(a: { flag: string | null; valueNumber: number | null; referenceLow: number | null; referenceHigh: number | null }): Coding | null {
  if (!a.flag) return null;
  if (a.flag !== "Critical") return BY_FLAG[a.flag] ?? null;
  if (a.valueNumber != null && a.referenceHigh != null && a.valueNumber > a.referenceHigh) return code("HH", "Critical high");
  if (a.valueNumber != null && a.referenceLow != null && a.valueNumber < a.referenceLow) return code("LL", "Critical low");
  return code("AA", "Critical abnormal");
}
