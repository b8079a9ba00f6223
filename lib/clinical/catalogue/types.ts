/**
 * The shape of the analyte catalogue (DESIGN §7): what each analyte is called, how it is coded in LOINC
 * (https://loinc.org), its canonical UCUM unit (https://ucum.org) and the adult interval it is read against.
 * The lab's own reference range always wins over the catalogue's (DESIGN §7); these are the fallback.
 */
import type { SourceId } from "../sources";

export type AnalyteCategory =
  | "Renal"
  | "Metabolic"
  | "Lipids"
  | "Hematology"
  | "Liver"
  | "Thyroid"
  | "Iron"
  | "Vitamins"
  | "Inflammation"
  | "Electrolytes"
  | "Urinalysis"
  | "Prostate"
  | "Cardiac"
  | "Pancreas"
  | "Minerals";

export interface ReferenceInterval {
  sex?: "female" | "male";
  ageMin?: number;
  ageMax?: number;
  low?: number;
  high?: number;
}

export interface AnalyteDefinition {
  /** Stable kebab-case id: "creatinine", "hba1c", "ldl-cholesterol". */
  code: string;
  /** LOINC codes this analyte is reported under, most common first. */
  loinc: string[];
  /** Clinical display name. */
  name: string;
  /** Names as labs print them; matching normalises case and punctuation (see `findByName`). */
  aliases: string[];
  category: AnalyteCategory;
  /** Canonical UCUM unit. */
  unit: string;
  /**
   * Other units labs use, as UCUM: `factor` converts (value_in_unit × factor + offset = value_in_canonical);
   * without a factor the conversion is molar ↔ mass through `molarMass`. An `offset` makes it a regression
   * between two measurement systems (HbA1c IFCC → NGSP) and then `source` cites it.
   */
  alternateUnits?: { unit: string; factor?: number; offset?: number; source?: SourceId }[];
  /**
   * The analyte labs print under the same name in the other kind of unit: a white-cell line as a share of
   * white cells (%) and as an absolute count (10*3/uL). The printed unit decides which one a result is.
   */
  counterpart?: string;
  /** g/mol, where mass ↔ molar conversion applies. */
  molarMass?: number;
  /** Adult intervals in the canonical unit, by sex where they differ. Empty only for qualitative tests. */
  reference: ReferenceInterval[];
  /**
   * A dipstick-style result read as text (urinalysis): the expected result when no numeric interval is
   * published. Present exactly when `reference` is empty.
   */
  qualitative?: { normal: string };
  /** Canonical unit; only where a published critical (panic) limit exists. */
  critical?: { low?: number; high?: number };
  /** The citation for `critical` when it is not `source` (critical limits come from their own surveys). */
  criticalSource?: SourceId;
  /** Plain-language name. */
  patientName: string;
  /** One plain-language sentence, grade 6–8, no diagnosis. */
  explanation: string;
  /** Citation for the reference interval (key of SOURCES). */
  source: SourceId;
}
