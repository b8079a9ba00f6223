/**
 * Strips direct identifiers (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)) that lab comments tend to carry —
 * names after a label, record numbers, phone numbers, e-mail, street addresses, birth dates — from free
 * text before it is stored. Pattern-based: it removes what it recognises and says how much it removed.
 */
import type { ExtractionResult } from "./types";

export const REDACTED = "[removed]";

/** A capitalised name of up to four parts ("O'Brien, Mary K."); names are matched case-sensitively. */
const NAME = String.raw`(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+)?[A-Z][A-Za-z'’-]+(?:,?\s+(?:[A-Z][A-Za-z'’-]+|[A-Z]\.?(?![A-Za-z]))){0,3}`;

/** Labels match in any case while the name after them stays case-sensitive: "patient" → "[Pp][Aa]…". */
const anyCase = (words: string) => words.replace(/[a-z]/g, (letter) => `[${letter.toUpperCase()}${letter}]`);
const NAME_LABELS = anyCase("patient(?:'s)? name|patient|pt|name|mother|father|guardian|spouse|contact|referred by|physician|doctor|provider|ordered by");
const DATE = String.raw`(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|\d{8})`;
const STREET_TYPES = "Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy";

/**
 * Order matters: dates of birth before generic labels, labelled names before bare titles. Patterns that
 * keep their label ("Patient Name: ") capture it as group 1, so the text still reads after redaction.
 */
const PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: "date of birth", pattern: new RegExp(String.raw`\b((?:DOB|D\.O\.B\.?|date of birth|birth ?date|born(?: on)?)\s*[:#]?\s*)${DATE}`, "gi") },
  { kind: "e-mail", pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g },
  { kind: "SSN", pattern: /\b\d{3}-\d{2}-\d{4}\b/g },
  { kind: "phone number", pattern: /(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b/g },
  {
    kind: "record number",
    pattern: /\b((?:MRN|medical record(?: number| no\.?)?|patient id|patient no\.?|record(?: number| no\.?)|account(?: number| no\.?)?|acct|chart(?: number| no\.?)?|ID)\s*[:#]\s*)[A-Z0-9][A-Z0-9-]{2,}\b/gi,
  },
  {
    kind: "name",
    pattern: new RegExp(String.raw`\b((?:${NAME_LABELS})\s*:\s*)${NAME}`, "g"),
  },
  { kind: "name", pattern: new RegExp(String.raw`\b(?:Mr|Mrs|Ms|Miss|Dr)\.\s+[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+){0,2}`, "g") },
  {
    kind: "street address",
    pattern: new RegExp(String.raw`\b\d{1,6}\s+(?:[A-Z][A-Za-z]+\s+){1,4}(?:${STREET_TYPES})\b\.?(?:,?\s+(?:Apt|Suite|Unit|#)\s*[\w-]+)?(?:,\s*[A-Z][A-Za-z ]+,?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?)?`, "g"),
  },
];

/** Removes direct identifiers from free text; `removed` counts the identifiers taken out. */
export function deidentifyText(text: string): { text: string; removed: number } {
  let removed = 0;
  let current = text;
  for (const { pattern } of PATTERNS) {
    current = current.replace(pattern, (_match, label: unknown) => {
      removed += 1;
      return `${typeof label === "string" ? label : ""}${REDACTED}`;
    });
  }
  return { text: current, removed };
}

/**
 * Removes direct identifiers from the free text of an extraction — analyte notes and text results —
 * returning a new result and how many identifiers were removed. Numbers, units and ranges are untouched.
 */
export function deidentify(result: ExtractionResult): { result: ExtractionResult; removed: number } {
  let removed = 0;
  const clean = (text: string) => {
    const cleaned = deidentifyText(text);
    removed += cleaned.removed;
    return cleaned.text;
  };
  const analytes = result.analytes.map((analyte) => {
    const next = { ...analyte, parsed: { ...analyte.parsed } };
    if (next.notes) next.notes = clean(next.notes);
    if (next.parsed.valueText) {
      // value and valueText hold the same words; count what they held once.
      next.parsed.valueText = clean(next.parsed.valueText);
      next.value = deidentifyText(next.value).text;
    }
    return next;
  });
  return { result: { ...result, analytes }, removed };
}
