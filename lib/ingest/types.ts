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
  parsed: ParsedValue & { range?: ParsedRange; observedAt?: string; unit?: string };
}

/** Something in the file that could not be read, said so a person can find and fix it. */
export interface SkippedEntry {
  reason: string;
  where?: string;
}

/**
 * The patient as the file states them: sex, and age in whole years at the (latest) collection. Never a
 * name or a birth date — only what the engine needs leaves the extractor.
 */
export interface ExtractedPatient {
  sex?: "female" | "male";
  age?: number;
}

export interface ExtractionResult {
  format: LabFormat;
  analytes: ExtractedAnalyte[];
  skipped: SkippedEntry[];
  warnings: string[];
  pages?: number;
  ocr?: { pages: number[]; meanConfidence: number };
  patient?: ExtractedPatient;
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
