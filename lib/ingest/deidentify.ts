/**
 * De-identification of every free-text field that leaves Labwise — analyte names, text values, units,
 * reference text, flags, notes, and what extraction says it skipped — under the HIPAA Safe Harbor method
 * (45 CFR 164.514(b)(2)): names (deidentify-names.ts) and the other seventeen identifier types
 * (deidentify-patterns.ts) are replaced by a tag saying what was there (`[name]`, `[id]`, `[address]`…).
 *
 * Rule-based and deterministic: it removes what it recognises — the names a file declares wherever they
 * recur, and identifiers by their form and the words around them — and says how much it removed. It cannot
 * know that a bare word is someone's name when nothing marks it as one; see README "Security".
 */
import { declaredNameMatcher, maskEponyms, replaceContextNames, replaceDeclaredNames } from "./deidentify-names";
import { applyDetectors, DETECTORS, UNLABELLED_IDS } from "./deidentify-patterns";
import type { ExtractionResult } from "./types";

export { declaredNames } from "./deidentify-names";

/** The tags identifiers are replaced by. */
export const TAGS = ["[name]", "[id]", "[phone]", "[email]", "[url]", "[ip]", "[date]", "[address]", "[facility]", "[age 90+]"] as const;
const ANY_TAG = new RegExp(TAGS.map((tag) => tag.replace(/[[\]+]/g, "\\$&")).join("|"), "g");

export interface DeidentifyOptions {
  /** People the source declares (declaredNames(), a partner's `patient.name`): removed wherever they recur. */
  names?: readonly string[];
}

/** A de-identifier for one lab: its declared names compiled once, and a running count of what it removed. */
export interface Deidentifier {
  /** Free text with every identifier replaced by its tag. */
  text(text: string): string;
  /**
   * An analyte's name with identifiers dropped rather than tagged, so it still reads as the analyte and
   * still finds its catalogue entry: "Glucose (Johnathan Doe)" → "Glucose". A name that was nothing but an
   * identifier stays as its tag.
   */
  analyteName(name: string): string;
  readonly removed: number;
}

export function createDeidentifier(options: DeidentifyOptions = {}): Deidentifier {
  const declared = declaredNameMatcher(options.names ?? []);
  let removed = 0;
  const count = () => {
    removed += 1;
  };
  const text = (input: string) => {
    const { masked, restore } = maskEponyms(applyDetectors(input, DETECTORS, count));
    let current = declared ? replaceDeclaredNames(masked, declared, count) : masked;
    current = restore(replaceContextNames(current, count));
    return applyDetectors(current, UNLABELLED_IDS, count);
  };
  return {
    text,
    analyteName(name) {
      const tagged = text(name);
      return tagged === name ? name : withoutTags(tagged);
    },
    get removed() {
      return removed;
    },
  };
}

/** Labels the detectors keep in front of a tag ("pt [name]", "chart [id]"): in a name they go with it. */
const LABEL_BEFORE_TAG = new RegExp(
  String.raw`(?:(?<![\p{L}])(?:patient(?:'s)? name|patient|pt|name|chart|mrn|med(?:ical)? rec(?:ord)?|record|id|acct|account|member(?: id)?|policy|dob|ssn|tel|phone|fax|e-?mail|for|of|re)\.?\s*(?:no\.?|number|#)?\s*[:#=]?\s*)+(?=${ANY_TAG.source})`,
  "giu",
);

/** "Glucose ([name])" → "Glucose", "Potassium - pt [name]" → "Potassium", "[name]" → "[name]". */
function withoutTags(tagged: string): string {
  const bare = tagged
    .replace(LABEL_BEFORE_TAG, "")
    .replace(ANY_TAG, "\u0000")
    .replace(/[([{]\s*(?:\u0000[\s,;:/&-]*)+[)\]}]/g, "")
    .replace(/\u0000/g, "")
    .replace(/^[\s,;:/&–—-]+|[\s,;:/&–—-]+$/g, "")
    .replace(/\(\s*\)|\[\s*\]/g, "")
    .replace(/\s{2,}/g, " ")
    .trim();
  return bare || tagged.trim();
}

/** Removes identifiers from free text; `removed` counts the identifiers taken out. */
export function deidentifyText(text: string, options: DeidentifyOptions = {}): { text: string; removed: number } {
  const deidentifier = createDeidentifier(options);
  return { text: deidentifier.text(text), removed: deidentifier.removed };
}

/** A value that is only a number, a comparator and a unit ("<5", "1.8 mg/dL") has nothing to remove. */
export const isNumericValue = (value: string) => /^\s*[<>=≤≥]*\s*[-+]?\d[\d.,]*\s*(?:%|[\p{L}µμ0-9^*.]*\/[\p{L}µμ0-9^*./]+|[a-zµμ]{1,6})?\s*$/u.test(value);

/**
 * Removes identifiers from every free-text field of an extraction — analyte names, values and text
 * results, units, reference ranges, flags, notes, code displays, the patient's conditions and medications,
 * and the skipped list and warnings (which quote the file) — returning a new result and how many identifiers were removed. Numbers and dates are
 * untouched: collection dates are results metadata, not text about the person.
 */
export function deidentify(result: ExtractionResult, options: DeidentifyOptions = {}): { result: ExtractionResult; removed: number } {
  const clean = createDeidentifier(options);
  const optional = (text: string | undefined) => (text ? clean.text(text) : text);
  const analytes = result.analytes.map((analyte) => {
    const next = { ...analyte, name: clean.analyteName(analyte.name), parsed: { ...analyte.parsed } };
    if (next.parsed.valueText) next.parsed.valueText = clean.text(next.parsed.valueText);
    // value and valueText hold the same words; count what they held once.
    if (!isNumericValue(next.value)) next.value = createDeidentifier(options).text(next.value);
    next.unit = optional(next.unit);
    next.referenceRange = optional(next.referenceRange);
    if (next.parsed.range?.text) next.parsed.range = { ...next.parsed.range, text: clean.text(next.parsed.range.text) };
    next.flag = optional(next.flag);
    next.notes = optional(next.notes);
    if (next.code?.display) next.code = { ...next.code, display: clean.text(next.code.display) };
    for (const key of ["unit", "referenceRange", "flag", "notes"] as const) if (next[key] === undefined) delete next[key];
    return next;
  });
  const skipped = result.skipped.map((entry) => ({ ...entry, reason: clean.text(entry.reason), ...(entry.where ? { where: clean.text(entry.where) } : {}) }));
  const warnings = result.warnings.map((warning) => clean.text(warning));
  const patient = result.patient && { ...result.patient };
  // Conditions and medicines are display text from the file: a name written into one must not reach the rules.
  for (const key of ["conditions", "medications"] as const) {
    const list = patient?.[key]?.map((text) => clean.text(text)).filter((text) => text.trim() !== "");
    if (patient && list) patient[key] = list;
  }
  // A culture's comments and text finding are free text too; organism and antibiotic names are not.
  const microbiology = result.microbiology?.map((culture) => ({
    ...culture,
    ...(culture.notes ? { notes: clean.text(culture.notes) } : {}),
    ...(culture.finding ? { finding: clean.text(culture.finding) } : {}),
  }));
  return {
    result: { ...result, analytes, skipped, warnings, ...(patient ? { patient } : {}), ...(microbiology ? { microbiology } : {}) },
    removed: clean.removed,
  };
}
