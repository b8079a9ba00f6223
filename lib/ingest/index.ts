/**
 * Lab file extraction: detects the format from content, reads every analyte as received with a parsed
 * view beside it, and reports what it could not read. No database, no network.
 */
import { deidentify } from "./deidentify";
import { declaredNamesInFile } from "./deidentify-source";
import { decodeText, detectFormat } from "./detect";
import { ExtractionError } from "./errors";
import { extractCsv } from "./csv";
import { extractFhir, isFhirResource } from "./fhir";
import { extractHl7v2 } from "./hl7v2";
import { extractItems as readItems, extractJsonItems, readJson } from "./json";
import { extractImage } from "./ocr";
import { checkResultCount, DEFAULT_LIMITS, type ExtractionLimits } from "./limits";
import { extractPdf } from "./pdf";
import { storableText } from "./storable-text";
import type { ExtractionResult, LabFormat, LabItemInput } from "./types";

export type { MicrobiologyResult, Susceptibility, SusceptibilityInterpretation } from "./microbiology/types";
export type { ExtractedAnalyte, ExtractedPatient, ExtractionResult, LabFormat, LabItemInput, ParsedRange, ParsedValue, SkippedEntry } from "./types";
export { mergePatientContext } from "./patient";
export { ExtractionError } from "./errors";
export { detectFormat } from "./detect";
export { parseValue, parseRange, parseDate } from "./values";
export { deidentifyText, deidentify } from "./deidentify";
export { DEFAULT_LIMITS, type ExtractionLimits } from "./limits";
export { extractLabOffThread } from "./extract-pool";

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

/** Each OBX segment is one result: counted before the message is parsed, so a huge one fails at once. */
function countObx(message: string): number {
  return message.match(/(?:^|[\r\n])OBX\|/g)?.length ?? 0;
}

async function read(format: LabFormat, bytes: Uint8Array, limits: ExtractionLimits): Promise<ExtractionResult> {
  switch (format) {
    case "pdf":
      return extractPdf(bytes, limits);
    case "image":
      return extractImage(bytes);
    case "csv":
      return extractCsv(text(bytes), limits);
    case "hl7v2": {
      const message = text(bytes);
      checkResultCount(countObx(message), limits);
      return extractHl7v2(message);
    }
    case "fhir":
    case "json": {
      const data = readJson(text(bytes));
      return isFhirResource(data) ? extractFhir(data) : extractJsonItems(data);
    }
  }
}

/**
 * Text PostgreSQL cannot store (NUL, unpaired surrogates, which a JSON file can escape into any string) is
 * cleaned first (./storable-text.ts). Free text is de-identified before it leaves this module — by pattern,
 * and of the people the file itself or the partner names (`names`), wherever they recur — so no stored row
 * ever holds them. An empty result with nothing skipped means the file held no lab values at all, which is
 * an error the person should see.
 */
function finish(result: ExtractionResult, names: string[] = []): ExtractionResult {
  const microbiology = result.microbiology?.length ?? 0;
  if (result.analytes.length === 0 && result.skipped.length === 0 && microbiology === 0) {
    throw new ExtractionError(`no lab values found in ${WHAT[result.format]}`);
  }
  const { value: storable, cleaned } = storableText(result);
  const { result: clean, removed } = deidentify(storable, { names });
  if (cleaned > 0) clean.warnings.push(`removed NUL characters or broken Unicode (unpaired surrogates) from ${cleaned} text field(s)`);
  if (removed > 0) clean.warnings.push(`removed ${removed} personal identifier(s) (names, record numbers, phone numbers, addresses or birth dates) from notes and text results`);
  if (clean.analytes.length === 0 && microbiology === 0) clean.warnings.push("no lab values could be read; see the skipped list for why");
  return clean;
}

/**
 * Reads a lab file. Throws ExtractionError with a person-facing reason for empty, unrecognised or
 * unreadable files and for files holding more results than `limits` allow; a partly readable file returns
 * what was read and lists the rest in `skipped`. CPU-bound: the pipeline calls it through
 * `extractLabOffThread`, so a large file never holds the event loop that serves requests.
 */
export async function extractLab(
  input: { bytes: Uint8Array; contentType?: string; filename?: string; names?: string[] },
  limits: ExtractionLimits = DEFAULT_LIMITS,
): Promise<ExtractionResult> {
  const { bytes } = input;
  if (bytes.length === 0 || (decodeText(bytes)?.trim() === "")) throw new ExtractionError("the file is empty");
  const format = detectFormat(bytes, { contentType: input.contentType, filename: input.filename });
  if (!format) throw new ExtractionError(UNSUPPORTED_FILE);
  let result: ExtractionResult;
  try {
    result = await read(format, bytes, limits);
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError(`${WHAT[format]} could not be read: it may be damaged or not what it appears to be`, { cause: error });
  }
  checkResultCount(result.analytes.length, limits);
  return finish(result, [...(input.names ?? []), ...(await declaredNamesInFile(bytes))]);
}

/** Lab items already parsed from JSON (the agent and submission APIs); same checks as a JSON file. */
export function extractItems(items: LabItemInput[], names: string[] = []): ExtractionResult {
  const result = readItems(items);
  if (result.analytes.length === 0 && result.skipped.length === 0) throw new ExtractionError("no lab items were sent");
  return finish(result, names);
}
