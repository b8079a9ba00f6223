/**
 * Lab items as JSON: what the agent and submission APIs send ({name, value, unit?, …}), either as an
 * array or wrapped as {labResults: […]} / {results: […]}.
 */
import { buildAnalyte } from "./analyte";
import { ExtractionError, severalPeople } from "./errors";
import type { ExtractionResult, LabItemInput } from "./types";

const TEXT_FIELDS = ["unit", "referenceRange", "flag", "date", "notes", "loinc"] as const;

/** Parses JSON text; a syntax error becomes a message that says where the JSON went wrong. */
export function readJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ExtractionError(`the JSON is malformed: ${detail}`, { cause: error });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The list of items in a JSON lab document, or undefined when it holds none Labwise recognises. */
export function labItemList(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (isRecord(data)) {
    for (const key of ["labResults", "results"]) {
      if (Array.isArray(data[key])) return data[key];
    }
  }
  return undefined;
}

function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Keys an export puts on each item to say whose result it is; never read as part of the result. */
const SUBJECT_KEYS = ["patient", "patientName", "patient_name", "patientId", "patient_id", "subject", "subjectId", "subject_id", "mrn", "personId", "person_id"];

/** How many different people the items' subject keys name (an item with none names nobody). */
function countSubjects(items: readonly unknown[]): number {
  const people = new Set<string>();
  for (const item of items) {
    if (!isRecord(item)) continue;
    const said = SUBJECT_KEYS.map((key) => item[key]).filter((value) => value !== undefined && value !== null && value !== "");
    if (said.length > 0) people.add(JSON.stringify(said).toLowerCase().replace(/\s+/g, " "));
  }
  return people.size;
}

/**
 * Reads lab items already parsed from JSON. Items come from outside, so each is checked: one without a
 * name or a value is listed in `skipped` and the rest are still read. `category` has no place in an
 * analyte and is not kept. Items that name different patients (`patient`, `patientId`, `mrn`…) are refused.
 */
export function extractItems(items: readonly LabItemInput[] | readonly unknown[]): ExtractionResult {
  const people = countSubjects(items);
  if (people > 1) throw severalPeople(people);
  const result: ExtractionResult = { format: "json", analytes: [], skipped: [], warnings: [] };
  items.forEach((item, index) => {
    const where = `item ${index + 1}`;
    if (!isRecord(item)) {
      result.skipped.push({ reason: "not an object with a name and a value", where });
      return;
    }
    const name = asText(item.name)?.trim();
    const value = asText(item.value)?.trim();
    if (!name) {
      result.skipped.push({ reason: value ? `a result (${value}) with no test name` : "an item with no name", where });
      return;
    }
    if (!value) {
      result.skipped.push({ reason: `no value for "${name}"`, where });
      return;
    }
    const fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
    for (const key of TEXT_FIELDS) {
      const text = asText(item[key]);
      if (text !== undefined) fields[key] = text;
    }
    const analyte = buildAnalyte({ name, value, ...fields });
    if (analyte.loinc) analyte.code = { system: "http://loinc.org", code: analyte.loinc };
    result.analytes.push(analyte);
  });
  return result;
}

/** A JSON document of lab items; throws when it holds no list of items at all. */
export function extractJsonItems(data: unknown): ExtractionResult {
  const items = labItemList(data);
  if (!items) {
    throw new ExtractionError("the JSON holds no lab items: expected an array of {name, value} objects, {labResults: [...]} or {results: [...]}");
  }
  return extractItems(items);
}
