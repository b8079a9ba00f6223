/**
 * HL7 v2 ORU^R01 result messages (v2.3–2.5.1). medplum's parser splits segments, fields and components;
 * this module knows what the OBX, OBR and NTE fields mean (HL7 v2.5.1 ch. 7). Field numbers below are the
 * 1-based HL7 names, e.g. OBX-5 is the observation value.
 */
import { Hl7Message, type Hl7Segment } from "@medplum/core";
import { buildAnalyte, type RawAnalyte } from "./analyte";
import { ExtractionError, severalPeople } from "./errors";
import { unescapeHl7 } from "./hl7-escapes";
import { countPeople } from "./people";
import { readHl7Microbiology } from "./microbiology/hl7v2";
import { orderQuestion } from "./order-questions";
import { applyPatient, type PatientClues, readBirthDate, readSex } from "./patient";
import { parseValue } from "./values";
import type { ExtractedAnalyte, ExtractionResult, SkippedEntry } from "./types";

/** Segments after which an NTE no longer annotates the preceding OBX. */
const ENDS_OBSERVATION = new Set(["MSH", "PID", "ORC", "SPM"]);
const NUMERIC_TYPES = new Set(["NM", "SN"]);
const TEXT_TYPES = new Set(["ST", "TX", "FT"]);
const CODED_TYPES = new Set(["CWE", "CE", "CNE", "CF"]);
/**
 * OBX-11 result status (HL7 table 0085). X, D and W: the lab withdrew the result, so it is not an analyte
 * but a skipped entry with the lab's reason. I, R and S: not yet verified — read as preliminary when a
 * value is there. P preliminary, C corrected; F and U final.
 */
const WITHDRAWN: Record<string, string> = {
  X: "the result could not be obtained",
  D: "the result was deleted",
  W: "the result was posted in error",
};
const PENDING: Record<string, string> = {
  I: "the specimen is in the lab and the result is pending",
  R: "the result is entered but not yet verified",
  S: "only a partial result is available",
};
const PRELIMINARY = new Set(["P", "I", "R", "S"]);

/** A withdrawn result (OBX-11 X, D, W) whose reason the NTE segments after it may still give. */
interface Withdrawn {
  entry: SkippedEntry;
  label: string;
  fallback: string;
  reasons: string[];
}

const withdrawnReason = ({ label, fallback, reasons }: Withdrawn) => `${label} — cancelled by the lab: ${reasons.join(" ") || fallback}`;

/** Every repetition of a field, each as its list of components. */
function repetitions(segment: Hl7Segment, field: number): string[][] {
  return segment.getField(field)?.components ?? [];
}

function component(segment: Hl7Segment, field: number, index: number): string {
  return unescapeHl7(segment.getComponent(field, index)).trim();
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
    const [code = "", text = "", , altCode = "", altText = "", , , , originalText = ""] = reps[0].map((part) => unescapeHl7(part).trim());
    return { value: text || originalText || altText || code || altCode };
  }
  if (NUMERIC_TYPES.has(type) || TEXT_TYPES.has(type) || type === "") {
    return { value: reps.map((rep) => unescapeHl7(rep.join(segment.context.componentSeparator)).trim()).join(" ") };
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

/**
 * What tells one PID's person from another's, never returned: the identifiers of PID-2, PID-3 and PID-4
 * (each repetition's ID) and the name in PID-5 (family^given). Two PIDs sharing any of them are one person.
 */
function identityKeys(segment: Hl7Segment): string[] {
  const ids = [2, 3, 4].flatMap((field) => repetitions(segment, field).map((rep) => rep[0]?.trim().toUpperCase() ?? "")).filter(Boolean);
  const names = repetitions(segment, 5)
    .map((rep) => [rep[0], rep[1]].map((part) => part?.trim().toUpperCase() ?? "").filter(Boolean).join("^"))
    .filter(Boolean);
  return [...ids.map((id) => `id:${id}`), ...names.map((name) => `name:${name}`)];
}

interface Group {
  observationDate?: string;
  analytes: ExtractedAnalyte[];
}

/** The OBX just read, which the NTE segments after it annotate. */
type Last = { analyte: ExtractedAnalyte } | { withdrawn: Withdrawn } | undefined;

/**
 * Reads every OBX with a lab value; OBX-11 "C" replaces the earlier result for the same test. The
 * patient's age is taken at the latest OBX-14/OBR-7 collection time, else at OBR-22 (results reported)
 * or MSH-7 (message time). A message or batch whose PIDs name more than one person is refused.
 */
export function extractHl7v2(text: string): ExtractionResult {
  const start = text.indexOf("MSH");
  if (start < 0) throw new ExtractionError("this HL7 v2 message has no MSH header segment");
  // MSH-1, the field separator, is the character after "MSH"; a line break there is no separator at all.
  if (/^MSH[\r\n]/.test(text.slice(start))) throw new ExtractionError('this HL7 v2 message\'s MSH segment has no field separator (it must begin "MSH|^~\\&|")');
  const message = parseMessage(text.slice(start).replace(/^\uFEFF/, ""));
  const result: ExtractionResult = { format: "hl7v2", analytes: [], skipped: [], warnings: [] };
  // Cultures and susceptibilities are read apart, and their OBX never as chemistry analytes.
  const microbiology = readHl7Microbiology(message);
  if (microbiology.results.length > 0) result.microbiology = microbiology.results;
  let group: Group = { analytes: [] };
  let last: Last;
  const patients: PatientClues[] = [];
  const identities: string[][] = [];
  const reportDates: string[] = [];

  message.segments.forEach((segment, index) => {
    const line = index + 1;
    if (segment.name === "OBR") {
      group = { observationDate: segment.getComponent(7, 1).trim() || undefined, analytes: [] };
      reportDates.push(segment.getComponent(22, 1).trim());
      last = undefined;
    } else if (segment.name === "NTE") {
      const note = repetitions(segment, 3)
        .map((rep) => unescapeHl7(rep.join(" ")).trim())
        .filter(Boolean)
        .join(" ");
      if (note && last && "analyte" in last) last.analyte.notes = last.analyte.notes ? `${last.analyte.notes}\n${note}` : note;
      if (note && last && "withdrawn" in last) {
        last.withdrawn.reasons.push(note);
        last.withdrawn.entry.reason = withdrawnReason(last.withdrawn);
      }
    } else if (segment.name === "OBX") {
      last = microbiology.consumed.has(segment) ? undefined : readObservation(segment, line, group, result);
    } else if (ENDS_OBSERVATION.has(segment.name)) {
      last = undefined;
      if (segment.name === "PID") {
        patients.push(patientOf(segment));
        identities.push(identityKeys(segment));
      }
    }
  });
  const people = countPeople(identities);
  if (people > 1) throw severalPeople(people);
  applyPatient(result, patients, reportDates, [message.header.getComponent(7, 1)]);
  return result;
}

/**
 * @medplum/core's parser. It throws a TypeError on some malformed headers (fast-check found "MSHM": a letter
 * taken for the field separator, with no encoding characters after it); that is the file's fault, said so.
 */
function parseMessage(text: string): Hl7Message {
  try {
    return Hl7Message.parse(text);
  } catch (error) {
    throw new ExtractionError('this HL7 v2 message\'s MSH segment is malformed (it must begin "MSH|^~\\&|")', { cause: error });
  }
}

function readObservation(segment: Hl7Segment, line: number, group: Group, result: ExtractionResult): Last {
  const type = component(segment, 2, 1).toUpperCase();
  const identity = identify(segment);
  const status = component(segment, 11, 1).toUpperCase();
  const label = identity.name || "an observation";
  const setId = component(segment, 1, 1);
  const where = setId ? `OBX ${setId} (segment ${line})` : `OBX (segment ${line})`;
  const question = orderQuestion(identity.loinc);
  if (question) {
    result.warnings.push(`${where}: the answer to "${question}" given when the test was ordered was not read as a lab result`);
    return undefined;
  }
  const { value, problem } = readValue(type, segment);

  const withdrawn = WITHDRAWN[status];
  if (withdrawn) {
    // A free-text OBX-5 on a withdrawn result is the lab's reason ("Specimen hemolyzed"); a number or a coded
    // value (an organism) is the withdrawn result itself.
    const reasons = value && TEXT_TYPES.has(type) && parseValue(value).valueNumber === undefined ? [value] : [];
    const record: Withdrawn = { entry: { reason: "", where, cancelled: true }, label, fallback: `${withdrawn} (status ${status})`, reasons };
    record.entry.reason = withdrawnReason(record);
    result.skipped.push(record.entry);
    return { withdrawn: record };
  }
  if (problem) {
    result.skipped.push({ reason: `${label} ${problem}`, where });
    return undefined;
  }
  if (!value) {
    const pending = PENDING[status];
    result.skipped.push({ reason: pending ? `${label} has no value: ${pending} (status ${status})` : `${label} has no value`, where });
    return undefined;
  }
  const analyte = buildAnalyte({
    ...identity,
    name: label,
    value,
    unit: component(segment, 6, 1),
    referenceRange: unescapeHl7(segment.getField(7)?.toString() ?? ""),
    flag: repetitions(segment, 8).map((rep) => rep[0]?.trim()).filter(Boolean).join(" "),
    status,
    ...(PRELIMINARY.has(status) ? { resultStatus: "preliminary" as const } : status === "C" ? { resultStatus: "corrected" as const } : {}),
    date: component(segment, 14, 1) || group.observationDate,
  });
  if (status === "C") recordCorrection(analyte, group, result);
  group.analytes.push(analyte);
  result.analytes.push(analyte);
  return { analyte };
}

/** A corrected result (OBX-11 "C") supersedes an earlier result for the same test in the same order. */
function recordCorrection(analyte: ExtractedAnalyte, group: Group, result: ExtractionResult) {
  const key = analyte.code?.code ?? analyte.name;
  const earlier = group.analytes.find((other) => (other.code?.code ?? other.name) === key);
  if (!earlier) return;
  group.analytes.splice(group.analytes.indexOf(earlier), 1);
  result.analytes.splice(result.analytes.indexOf(earlier), 1);
  result.warnings.push(`${analyte.name}: the corrected result ${analyte.value} replaces ${earlier.value}`);
}
