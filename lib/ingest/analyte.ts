/**
 * One place that turns fields as a source wrote them into an ExtractedAnalyte, so every format reads
 * values, ranges and dates the same way.
 */
import { parseDate } from "./dates";
import type { ExtractedAnalyte, ParsedRange, ParsedValue } from "./types";
import { parseRange, parseValue } from "./values";

/** The as-received fields of one analyte; empty strings count as absent. */
export type RawAnalyte = Omit<ExtractedAnalyte, "parsed">;

/** Structured sources (FHIR) already hold numbers; they pass them here instead of re-reading text. */
export interface KnownParts {
  value?: ParsedValue;
  range?: ParsedRange;
}

const present = (text: string | undefined): string | undefined => {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
};

export function buildAnalyte(raw: RawAnalyte, known: KnownParts = {}): ExtractedAnalyte {
  const analyte: ExtractedAnalyte = { name: raw.name.trim(), value: raw.value.trim(), parsed: {} };
  const optional = ["unit", "referenceRange", "flag", "date", "loinc", "notes", "status"] as const;
  for (const key of optional) {
    const value = present(raw[key]);
    if (value !== undefined) analyte[key] = value;
  }
  if (raw.code?.code) analyte.code = raw.code;
  if (raw.resultStatus) analyte.resultStatus = raw.resultStatus;

  const value = known.value ?? parseValue(analyte.value);
  const unit = analyte.unit ?? value.unit;
  analyte.parsed = { ...value, ...(unit ? { unit } : {}) };

  const range = known.range ?? (analyte.referenceRange ? parseRange(analyte.referenceRange) : undefined);
  if (range && Object.keys(range).length > 0) {
    analyte.parsed.range = range.unit || !unit ? range : { ...range, unit };
  }
  const observedAt = analyte.date ? parseDate(analyte.date) : undefined;
  if (observedAt) analyte.parsed.observedAt = observedAt;
  return analyte;
}
