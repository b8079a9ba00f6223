/**
 * A microbiology result as the file reports it: a culture (organism isolated, or a text finding such as
 * "No growth") and the antibiotics the lab tested against the organism. Never read as chemistry: these
 * values have no reference range and their numbers (MICs) are not concentrations in the patient.
 */

/** S, I, R as CLSI M100 / EUCAST define them; SDD susceptible-dose dependent; NS non-susceptible (HL7 table 0078). */
export type SusceptibilityInterpretation = "S" | "I" | "R" | "SDD" | "NS";

export interface Susceptibility {
  antibiotic: string;
  /** The MIC as printed, comparator included: "<=0.25", ">=32", "4", "8/152". */
  mic?: string;
  interpretation?: SusceptibilityInterpretation;
  /** "MIC", "Disk diffusion", "Gradient strip" when the file says which. */
  method?: string;
}

/** One culture result: an organism isolated, or a text finding ("No growth") when nothing grew. */
export interface MicrobiologyResult {
  /** "Urine culture", "Stool culture" (as the file names it). */
  test: string;
  loinc?: string;
  specimen?: string;
  /** "Escherichia coli"; absent when nothing grew. */
  organism?: string;
  /** Text result when there is no organism, e.g. "No growth after 48 hours". */
  finding?: string;
  /** ">100,000 CFU/mL" as printed. */
  quantity?: string;
  /** ISO 8601. */
  observedAt?: string;
  resultStatus?: "preliminary" | "corrected";
  susceptibilities: Susceptibility[];
  /** The lab's comments on the culture (HL7 NTE, FHIR note or text results such as a D-test). */
  notes?: string;
}
