/**
 * What the clinical engine concludes from a panel: findings, each made by one rule, with the sentences the
 * patient and the clinician read and the sources behind them. Pure types and ordering; the rules live in
 * `rules/`, the narratives in `narrative/`.
 */
import type { SourceId } from "./sources";

/** Most urgent first. `borderline` is a value at the edge of a decision threshold; `info` is context. */
export const SEVERITIES = ["critical", "high", "moderate", "borderline", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * A sentence and the sources that support it. Sources become numbered citations in the narratives. The text is
 * Markdown, as are a finding's titles and question: a rule passes any string of the lab's (a name, unit, text
 * result or printed range) through `escapeMarkdown` (narrative/escape.ts) or the formatters in rules/format.ts.
 */
export interface Statement {
  text: string;
  sources: SourceId[];
}

export interface Finding {
  /** Stable id of what was found: `<rule>.<variant>`, e.g. `kidney.gfr-category`. */
  id: string;
  severity: Severity;
  /** Short clinical label: "CKD G3b (eGFR 38 mL/min/1.73 m²)". */
  title: string;
  /** Short plain-language heading: "Kidney filtering is lower than usual". */
  patientTitle: string;
  /** Catalogue codes of the analytes the finding rests on. */
  analytes: string[];
  /** Plain language, grade 6–8, no diagnosis. */
  patient: Statement[];
  /** Terse and clinical, with stages and calculations shown. */
  clinician: Statement[];
  /** A question the patient can take to their clinician. */
  ask?: string;
  /**
   * How the guideline corpus is searched for follow-up guidance: free-text keywords, and the tags that say
   * which claims can apply at all (a claim applies only when all its `requires` tags are here).
   */
  guidance: { query: string; tags: string[] };
}

const rank = (severity: Severity) => SEVERITIES.indexOf(severity);

/** Critical first, then by severity; a stable sort keeps each rule's own order within a severity. */
export function prioritise<T extends { severity: Severity }>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => rank(a.severity) - rank(b.severity));
}

/** The more urgent of two severities. */
export function mostSevere(a: Severity, b: Severity): Severity {
  return rank(a) <= rank(b) ? a : b;
}
