/**
 * HL7 v2 ORU^R01 result messages (v2.3–2.5.1). medplum's parser splits segments, fields and components;
 * this module knows what the OBX, OBR and NTE fields mean (HL7 v2.5.1 ch. 7). Field numbers below are the
 * 1-based HL7 names, e.g. OBX-5 is the observation value.
 */
import { Hl7Message, type Hl7Segment } from "@medplum/core";
import { buildAnalyte, type RawAnalyte } from "./analyte";
import { ExtractionError } from "./errors";
import { applyPatient, type PatientClues, readBirthDate, readSex } from "./patient";
import type { ExtractedAnalyte, ExtractionResult } from "./types";

/** Segments after which an NTE no longer annotates the preceding OBX. */
const ENDS_OBSERVATION = new Set(["MSH", "PID", "ORC", "SPM"]);
const NUMERIC_TYPES = new Set(["NM", "SN"]);
const TEXT_TYPES = new Set(["ST", "TX", "FT"]);
const CODED_TYPES = new Set(["CWE", "CE", "CNE", "CF"]);
/** OBX-11 result status (HL7 table 0085) for observations that carry no usable value. */
const STATUS_MEANING: Record<string, string> = {
  I: "the specimen is in the lab and the result is pending",
  X: "the result could not be obtained",
  D: "the result was deleted by the lab",
  W: "the result was posted in error",
};

/** HL7 escape sequences (v2.5.1 §2.7) in text fields, e.g. "\T\" for "&"; \.br\ is a line break. */
function unescapeText(text: string): string {
  return text
    .replace(/\\\.br\\/gi, "\n")
    .replace(/\\F\\/g, "|")
    .replace(/\\S\\/g, "^")
    .replace(/\\T\\/g, "&")
    .replace(/\\R\\/g, "~")
    .replace(/\\E\\/g, "\\")
    .replace(/\\X[0-9A-Fa-f]*\\|\\H\\|\\N\\/g, "");
}

/** Every repetition of a field, each as its list of components. */
function repetitions(segment: Hl7Segment, field: number): string[][] {
  return segment.getField(field)?.components ?? [];
}

function component(segment: Hl7Segment, field: number, index: number): string {
  return unescapeText(segment.getComponent(field, index)).trim();
}

/** OBX-5 as text a person would read, by the value type in OBX-2. */
function readValue(type: string, segment: Hl7Segment): { value?: string; problem?: string } {
  const reps = repetitions(segment, 5).filter((rep) => rep.some((part) => part.trim() !== ""));
  if (reps.length === 0) return {};
  if (NUMERIC_TYPES.has(type) && reps.length > 1) {
    return { problem: `has ${reps.length} values in one numeric result, so Labwise cannot tell which one to use` };
  }
  if (type === "SN") {
    // SN: comparator ^ number ^ separator/suffix ^ number — "^182", "<^5", "^10^-^20", "^1^:^128".
    const [comparator = "", first = "", separator = "", second = ""] = reps[0].map((part) => part.trim());
    return { value: `${comparator === "=" ? "" : comparator}${first}${separator}${second}` };
  }
  if (CODED_TYPES.has(type)) {
    const [code = "", text = "", , altCode = "", altText = "", , , , originalText = ""] = reps[0].map((part) => unescapeText(part).trim());
    return { value: text || originalText || altText || code || altCode };
  }
  if (NUMERIC_TYPES.has(type) || TEXT_TYPES.has(type) || type === "") {
    return { value: reps.map((rep) => unescapeText(rep.join(segment.context.componentSeparator)).trim()).join(" ") };
  }
  return { problem: `has value type ${type}, which is not a lab value Labwise reads` };
}

/** OBX-3 (CE/CWE): LOINC when the coding system is LN, in the first or the alternate triplet. */
function identify(segment: Hl7Segment): Pick<RawAnalyte, "name" | "loinc" | "code"> {
  const [code, text, system, altCode, altText, altSystem] = [1, 2, 3, 4, 5, 6].map((index) => component(segment, 3, index));
  const originalText = component(segment, 3, 9);
  const name = text || originalText || altText || code || altCode;
  const loinc = system === "LN" ? code : altSystem === "LN" ? altCode : undefined;
  const coded = code ? { code, ...(system ? { system } : {}), ...(text ? { display: text } : {}) } : undefined;
  return { name, ...(loinc ? { loinc } : {}), ...(coded ? { code: coded } : {}) };
}

/** PID-7 date of birth and PID-8 administrative sex (HL7 table 0001); the name and ids are not read. */
function patientOf(segment: Hl7Segment): PatientClues {
  const sex = readSex(component(segment, 8, 1));
  const birthDate = readBirthDate(component(segment, 7, 1));
  return { ...(sex ? { sex } : {}), ...(birthDate ? { birthDate } : {}) };
}

interface Group {
  observationDate?: string;
  analytes: ExtractedAnalyte[];
}

/**
 * Reads every OBX with a lab value; OBX-11 "C" replaces the earlier result for the same test. The
 * patient's age is taken at the latest OBX-14/OBR-7 collection time, else at OBR-22 (results reported)
 * or MSH-7 (message time).
 */
export function extractHl7v2(text: string): ExtractionResult {
  const start = text.indexOf("MSH");
  if (start < 0) throw new ExtractionError("this HL7 v2 message has no MSH header segment");
  const message = Hl7Message.parse(text.slice(start).replace(/^\uFEFF/, ""));
  const result: ExtractionResult = { format: "hl7v2", analytes: [], skipped: [], warnings: [] };
  let group: Group = { analytes: [] };
  let last: ExtractedAnalyte | undefined;
  const patients: PatientClues[] = [];
  const reportDates: string[] = [];

  message.segments.forEach((segment, index) => {
    const line = index + 1;
    if (segment.name === "OBR") {
      group = { observationDate: segment.getComponent(7, 1).trim() || undefined, analytes: [] };
      reportDates.push(segment.getComponent(22, 1).trim());
      last = undefined;
    } else if (segment.name === "NTE") {
      const note = repetitions(segment, 3)
        .map((rep) => unescapeText(rep.join(" ")).trim())
        .filter(Boolean)
        .join(" ");
      if (last && note) last.notes = last.notes ? `${last.notes}\n${note}` : note;
    } else if (segment.name === "OBX") {
      last = readObservation(segment, line, group, result);
    } else if (ENDS_OBSERVATION.has(segment.name)) {
      last = undefined;
      if (segment.name === "PID") patients.push(patientOf(segment));
    }
  });
  applyPatient(result, patients, reportDates, [message.header.getComponent(7, 1)]);
  return result;
}

function readObservation(segment: Hl7Segment, line: number, group: Group, result: ExtractionResult): ExtractedAnalyte | undefined {
  const type = component(segment, 2, 1).toUpperCase();
  const identity = identify(segment);
  const status = component(segment, 11, 1).toUpperCase();
  const label = identity.name || "an observation";
  const setId = component(segment, 1, 1);
  const where = setId ? `OBX ${setId} (segment ${line})` : `OBX (segment ${line})`;
  const { value, problem } = readValue(type, segment);

  if (problem) {
    result.skipped.push({ reason: `${label} ${problem}`, where });
    return undefined;
  }
  const meaning = STATUS_MEANING[status];
  if (!value || (meaning && status !== "I")) {
    result.skipped.push({ reason: meaning ? `${label} has no value: ${meaning} (status ${status})` : `${label} has no value`, where });
    return undefined;
  }
  const analyte = buildAnalyte({
    ...identity,
    name: label,
    value,
    unit: component(segment, 6, 1),
    referenceRange: unescapeText(segment.getField(7)?.toString() ?? ""),
    flag: repetitions(segment, 8).map((rep) => rep[0]?.trim()).filter(Boolean).join(" "),
    status,
    date: component(segment, 14, 1) || group.observationDate,
  });
  if (status === "C") recordCorrection(analyte, group, result);
  group.analytes.push(analyte);
  result.analytes.push(analyte);
  return analyte;
}

/** A corrected result (OBX-11 "C") supersedes an earlier result for the same test in the same order. */
function recordCorrection(analyte: ExtractedAnalyte, group: Group, result: ExtractionResult) {
  analyte.notes = analyte.notes ? `Corrected result. ${analyte.notes}` : "Corrected result.";
  const key = analyte.code?.code ?? analyte.name;
  const earlier = group.analytes.find((other) => (other.code?.code ?? other.name) === key);
  if (!earlier) {
    result.warnings.push(`${analyte.name} is a corrected result (status C)`);
    return;
  }
  group.analytes.splice(group.analytes.indexOf(earlier), 1);
  result.analytes.splice(result.analytes.indexOf(earlier), 1);
  result.warnings.push(`${analyte.name}: the corrected result ${analyte.value} replaces ${earlier.value}`);
}
