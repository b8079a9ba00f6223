import type { MicrobiologyResult } from "./microbiology/types";

/** The kinds of lab file Labwise reads. */
export type LabFormat = "pdf" | "image" | "csv" | "hl7v2" | "fhir" | "json";

/** A result value read into numbers where it is numeric; text results stay in `valueText`. */
export interface ParsedValue {
  valueNumber?: number;
  comparator?: "<" | "<=" | ">" | ">=";
  valueText?: string;
  unit?: string;
}

/** A reference range read into bounds; `text` keeps descriptive wording the bounds cannot carry. */
export interface ParsedRange {
  low?: number;
  high?: number;
  lowInclusive?: boolean;
  highInclusive?: boolean;
  text?: string;
  unit?: string;
}

/** One analyte as the source wrote it, plus what Labwise could read from it in `parsed`. */
export interface ExtractedAnalyte {
  name: string;
  value: string;
  unit?: string;
  referenceRange?: string;
  flag?: string;
  date?: string;
  loinc?: string;
  code?: { system?: string; code: string; display?: string };
  notes?: string;
  status?: string;
  /**
   * The lab's result status when it is not final (HL7 OBX-11 P/I/R/S and C, FHIR Observation.status
   * preliminary/registered and amended/corrected); absent for a final result. Cancelled, deleted and
   * entered-in-error results are not analytes: they are listed in `skipped` with the lab's reason.
   */
  resultStatus?: "preliminary" | "corrected";
  parsed: ParsedValue & { range?: ParsedRange; observedAt?: string; unit?: string };
}

/** Something in the file that could not be read, said so a person can find and fix it. */
export interface SkippedEntry {
  reason: string;
  where?: string;
  /** The lab cancelled or withdrew this result (HL7 OBX-11 X/D/W, FHIR cancelled/entered-in-error); `reason` names the test and why. */
  cancelled?: boolean;
}

/**
 * The patient as the file states them: sex, and age in whole years at the (latest) collection. Never a
 * name or a birth date — only what the engine needs leaves the extractor.
 */
export interface ExtractedPatient {
  sex?: "female" | "male";
  age?: number;
  /** Active conditions the file records (FHIR Condition), as display text, lower-cased. */
  conditions?: string[];
  /** Medications the file records as current (FHIR MedicationRequest/MedicationStatement), as display text, lower-cased. */
  medications?: string[];
}

export interface ExtractionResult {
  format: LabFormat;
  analytes: ExtractedAnalyte[];
  skipped: SkippedEntry[];
  warnings: string[];
  pages?: number;
  ocr?: { pages: number[]; meanConfidence: number };
  patient?: ExtractedPatient;
  /** Cultures and antibiotic susceptibilities, kept apart from the analytes; absent when the file has none. */
  microbiology?: MicrobiologyResult[];
}

/** A lab item as the agent and submission APIs send it, already parsed from JSON. */
export interface LabItemInput {
  name: string;
  value: string | number;
  unit?: string;
  referenceRange?: string;
  flag?: string;
  date?: string;
  category?: string;
  notes?: string;
  loinc?: string;
}
