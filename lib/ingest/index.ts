/**
 * Lab file extraction: detects the format from content, reads every analyte as received with a parsed
 * view beside it, and reports what it could not read. No database, no network.
 */
import { deidentify } from "./deidentify";
import { decodeText, detectFormat } from "./detect";
import { ExtractionError } from "./errors";
import { extractCsv } from "./csv";
import { extractFhir, isFhirResource } from "./fhir";
import { extractHl7v2 } from "./hl7v2";
import { extractItems as readItems, extractJsonItems, readJson } from "./json";
import { extractImage } from "./ocr";
import { extractPdf } from "./pdf";
import type { ExtractionResult, LabFormat, LabItemInput } from "./types";

export type { ExtractedAnalyte, ExtractedPatient, ExtractionResult, LabFormat, LabItemInput, ParsedRange, ParsedValue, SkippedEntry } from "./types";
export { mergePatientContext } from "./patient";
export { ExtractionError } from "./errors";
export { detectFormat } from "./detect";
export { parseValue, parseRange, parseDate } from "./values";
export { deidentifyText, deidentify } from "./deidentify";

export const UNSUPPORTED_FILE = "this file is not a lab report Labwise can read (expected PDF, image, CSV, HL7 v2, FHIR or JSON)";

const WHAT: Record<LabFormat, string> = {
  pdf: "this PDF",
  image: "this image",
  csv: "this CSV file",
  hl7v2: "this HL7 v2 message",
  fhir: "this FHIR resource",
  json: "this JSON",
};

function text(bytes: Uint8Array): string {
  const decoded = decodeText(bytes);
  if (decoded === undefined) throw new ExtractionError(UNSUPPORTED_FILE);
  return decoded;
}

async function read(format: LabFormat, bytes: Uint8Array): Promise<ExtractionResult> {
  switch (format) {
    case "pdf":
      return extractPdf(bytes);
    case "image":
      return extractImage(bytes);
    case "csv":
      return extractCsv(text(bytes));
    case "hl7v2":
      return extractHl7v2(text(bytes));
    case "fhir":
    case "json": {
      const data = readJson(text(bytes));
      return isFhirResource(data) ? extractFhir(data) : extractJsonItems(data);
    }
  }
}

/**
 * Free-text notes are de-identified before they leave this module; an empty result with nothing
 * skipped means the file held no lab values at all, which is an error the person should see.
 */
function finish(result: ExtractionResult): ExtractionResult {
  if (result.analytes.length === 0 && result.skipped.length === 0) {
    throw new ExtractionError(`no lab values found in ${WHAT[result.format]}`);
  }
  const { result: clean, removed } = deidentify(result);
  if (removed > 0) clean.warnings.push(`removed ${removed} personal identifier(s) (names, record numbers, phone numbers, addresses or birth dates) from notes and text results`);
  if (clean.analytes.length === 0) clean.warnings.push("no lab values could be read; see the skipped list for why");
  return clean;
}

/**
 * Reads a lab file. Throws ExtractionError with a person-facing reason for empty, unrecognised or
 * unreadable files; a partly readable file returns what was read and lists the rest in `skipped`.
 */
export async function extractLab(input: { bytes: Uint8Array; contentType?: string; filename?: string }): Promise<ExtractionResult> {
  const { bytes } = input;
  if (bytes.length === 0 || (decodeText(bytes)?.trim() === "")) throw new ExtractionError("the file is empty");
  const format = detectFormat(bytes, { contentType: input.contentType, filename: input.filename });
  if (!format) throw new ExtractionError(UNSUPPORTED_FILE);
  let result: ExtractionResult;
  try {
    result = await read(format, bytes);
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError(`${WHAT[format]} could not be read: it may be damaged or not what it appears to be`, { cause: error });
  }
  return finish(result);
}

/** Lab items already parsed from JSON (the agent and submission APIs); same checks as a JSON file. */
export function extractItems(items: LabItemInput[]): ExtractionResult {
  const result = readItems(items);
  if (result.analytes.length === 0 && result.skipped.length === 0) throw new ExtractionError("no lab items were sent");
  return finish(result);
}
