/**
 * FHIR R4 lab results: one Observation, a DiagnosticReport (its results contained or referenced) or a
 * Bundle of any type (collection, transaction, searchset — Synthea exports are transactions). Only
 * laboratory observations are read; vital signs, surveys and the like are counted in a warning.
 */
import { buildAnalyte, type KnownParts } from "./analyte";
import { ExtractionError, severalPeople } from "./errors";
import { currentCondition, currentMedication } from "./fhir-context";
import type { Bundle, CodeableConcept, Condition, DiagnosticReport, MedicationUse, Observation, ObservationComponent, ObservationValue, Quantity, Reference, Resource } from "./fhir-types";
import { readFhirMicrobiology } from "./microbiology/fhir";
import { FhirPeople, type PatientIdentity } from "./fhir-people";
import { applyPatient, type PatientClues, readBirthDate, readSex } from "./patient";
import type { ExtractedAnalyte, ExtractionResult, ParsedRange } from "./types";
import { parseValue } from "./values";

const LOINC_SYSTEM = "http://loinc.org";
/** LOINC codes of the FHIR vital-signs profiles (hl7.org/fhir/R4/observation-vitalsigns.html). */
const VITAL_SIGN_CODES = new Set(["85353-1", "9279-1", "8867-4", "2708-6", "59408-5", "8310-5", "8302-2", "9843-4", "29463-7", "39156-5", "85354-9", "8480-6", "8462-4", "8478-0"]);

const isResource = (value: unknown): value is Resource =>
  typeof value === "object" && value !== null && typeof (value as { resourceType?: unknown }).resourceType === "string";

/** True for JSON that is a FHIR resource, used to tell FHIR from plain lab-item JSON. */
export function isFhirResource(data: unknown): boolean {
  return isResource(data);
}

const loincOf = (concept: CodeableConcept | undefined) => concept?.coding?.find((coding) => coding.system === LOINC_SYSTEM && coding.code)?.code;

const nameOf = (concept: CodeableConcept | undefined) =>
  concept?.text?.trim() || concept?.coding?.find((coding) => coding.display)?.display || concept?.coding?.find((coding) => coding.code)?.code || "";

function categoryOf(observation: Observation): string | undefined {
  const codes = (observation.category ?? []).flatMap((concept) => (concept.coding ?? []).map((coding) => coding.code ?? "").concat(concept.text ?? []));
  if (codes.length === 0) return undefined;
  return codes.some((code) => /^(laboratory|lab)$/i.test(code)) ? "laboratory" : codes.find(Boolean);
}

/**
 * What a local code's display text says when the Observation is a measurement of the body or an answer,
 * not a lab result: vital signs, body measures, scores, surveys and social history.
 */
const NOT_LAB_TEXT =
  /\b(?:blood pressure|systolic|diastolic|heart rate|pulse|respiratory rate|respiration|body temperature|temperature|body weight|weight|body height|height|head circumference|bmi|body mass index|spo2|pulse oximetry|pain|score|questionnaire|survey|assessment|smok\w*|tobacco|alcohol|drinks?|sexual|housing|employment|education)\b/i;

/**
 * Laboratory by category. With no category, a LOINC code that is not a vital sign counts as a lab; with
 * only a local code, the display text decides (code.text or coding.display): a lab unless it names a
 * vital sign, a score, a survey or social history. Labs that export local codes without a category
 * ("GLU", "Glucose, serum") are real results and must not end as "no lab values found".
 */
function isLaboratory(observation: Observation): boolean {
  const category = categoryOf(observation);
  if (category !== undefined) return category === "laboratory";
  const loinc = loincOf(observation.code);
  if (loinc !== undefined) return !VITAL_SIGN_CODES.has(loinc);
  const display = observation.code?.text?.trim() || observation.code?.coding?.find((coding) => coding.display?.trim())?.display?.trim() || "";
  return display !== "" && !NOT_LAB_TEXT.test(display);
}

/** FHIR Observation.status (hl7.org/fhir/R4/valueset-observation-status.html) as Labwise keeps it. */
function resultStatusOf(status: string | undefined): ExtractedAnalyte["resultStatus"] {
  const code = status?.trim().toLowerCase();
  if (code === "amended" || code === "corrected") return "corrected";
  if (code === "preliminary" || code === "registered") return "preliminary";
  return undefined;
}

const WITHDRAWN: Record<string, string> = { cancelled: "the result was cancelled", "entered-in-error": "the result was entered in error" };

const formatQuantity = (quantity: Quantity) => `${quantity.comparator ?? ""}${quantity.value}`;

/**
 * A JSON number is a number only when it is finite: JSON.parse reads `1e400` as Infinity, which no lab
 * measured and which would flag as critical; such a value is read as absent.
 */
const finite = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
/** A bound as written, unless it is a non-finite number (a bound written as text is still read from the text). */
const bound = <T>(value: T): T | undefined => (typeof value === "number" && !Number.isFinite(value) ? undefined : value);

/** The value[x] as text plus the numbers FHIR already gives, or undefined when there is none. */
function readValue(source: ObservationValue): { value: string; unit?: string; known: KnownParts["value"] } | undefined {
  const quantity = source.valueQuantity;
  if (quantity && finite(quantity.value) !== undefined) {
    const unit = quantity.unit ?? quantity.code;
    return {
      value: formatQuantity(quantity),
      unit,
      known: { valueNumber: quantity.value, ...(quantity.comparator ? { comparator: quantity.comparator } : {}), ...(unit ? { unit } : {}) },
    };
  }
  if (typeof source.valueString === "string" && source.valueString.trim()) {
    return { value: source.valueString, known: parseValue(source.valueString) };
  }
  if (source.valueCodeableConcept) {
    const text = nameOf(source.valueCodeableConcept);
    return text ? { value: text, known: { valueText: text } } : undefined;
  }
  if (finite(source.valueInteger) !== undefined) return { value: String(source.valueInteger), known: { valueNumber: source.valueInteger } };
  if (typeof source.valueBoolean === "boolean") {
    const text = source.valueBoolean ? "true" : "false";
    return { value: text, known: { valueText: text } };
  }
  return undefined;
}

/** The first referenceRange as text (its own text, else "low-high unit") and as bounds, which FHIR makes inclusive. */
function readRange(source: ObservationValue): { text?: string; range?: ParsedRange } {
  const first = source.referenceRange?.[0];
  if (!first) return {};
  const low = bound(first.low?.value);
  const high = bound(first.high?.value);
  const unit = first.low?.unit ?? first.high?.unit ?? first.low?.code ?? first.high?.code;
  const range: ParsedRange = {};
  if (typeof low === "number") Object.assign(range, { low, lowInclusive: true });
  if (typeof high === "number") Object.assign(range, { high, highInclusive: true });
  if (unit) range.unit = unit;
  if (first.text) range.text = first.text;
  const bounds = low !== undefined && high !== undefined ? `${low}-${high}` : low !== undefined ? `>=${low}` : high !== undefined ? `<=${high}` : "";
  const text = first.text ?? (bounds ? `${bounds}${unit ? ` ${unit}` : ""}` : undefined);
  return { text, range: Object.keys(range).length > 0 ? range : undefined };
}

const flagOf = (source: ObservationValue) => {
  const interpretation = source.interpretation?.[0];
  return interpretation?.coding?.find((coding) => coding.code)?.code ?? interpretation?.text;
};

/**
 * The parts of a Patient (hl7.org/fhir/R4/patient.html) Labwise reads. The name and identifiers only tell
 * one person from another (./fhir-people.ts); they never leave lib/ingest.
 */
interface Patient extends PatientIdentity {
  gender?: string;
}

type Resolve = (reference: string) => Resource | undefined;
type WithSubject = Resource & { subject?: Reference };

function patientClues(patient: Patient): PatientClues {
  const sex = readSex(patient.gender);
  const birthDate = readBirthDate(patient.birthDate);
  return { ...(sex ? { sex } : {}), ...(birthDate ? { birthDate } : {}) };
}

class Reader {
  readonly result: ExtractionResult = { format: "fhir", analytes: [], skipped: [], warnings: [] };
  private readonly seen = new Set<Observation>();
  private readonly notLab = new Map<string, number>();
  /** Patients the lab results are about, found through `subject` (contained first, then the Bundle). */
  private readonly patients = new Set<Patient>();
  private subjects = 0;
  /** Every subject found, to count the people the file is about. */
  readonly people = new FhirPeople();
  private readonly conditions = new Set<string>();
  private readonly medications = new Set<string>();
  private readonly reportDates: { effective: (string | undefined)[]; issued: (string | undefined)[] } = { effective: [], issued: [] };

  private subject(resource: WithSubject, resolve: Resolve) {
    const target = this.person(resource, resolve);
    if (!resource.subject?.reference) return;
    this.subjects += 1;
    if (target?.resourceType === "Patient") this.patients.add(target as Patient);
  }

  /** Records who a resource is about (for the count of people) and returns the resource its subject resolves to. */
  person(resource: WithSubject, resolve: Resolve): Resource | undefined {
    const reference = resource.subject?.reference;
    if (!reference) return undefined;
    const target = (reference.startsWith("#") ? resource.contained?.find((candidate) => `#${candidate.id}` === reference) : undefined) ?? resolve(reference);
    this.people.subject(reference, target);
    return target;
  }

  condition(condition: Condition, resolve: Resolve) {
    this.person(condition, resolve);
    const text = currentCondition(condition);
    if (text) this.conditions.add(text);
  }

  medication(use: MedicationUse, resolve: Resolve) {
    this.person(use, resolve);
    const text = currentMedication(use, resolve);
    if (text) this.medications.add(text);
  }

  /** Cultures and susceptibilities, read apart: their Observations are never read as analytes. */
  microbiology(resources: Resource[], lookup: Resolve) {
    const { results, consumed } = readFhirMicrobiology(resources, lookup);
    consumed.forEach((observation) => this.seen.add(observation));
    if (results.length > 0) this.result.microbiology = results;
  }

  observation(observation: Observation, where: string, resolve: Resolve = () => undefined) {
    if (this.seen.has(observation)) return;
    this.seen.add(observation);
    if (!isLaboratory(observation)) {
      this.person(observation, resolve);
      const category = categoryOf(observation) ?? "uncategorised";
      this.notLab.set(category, (this.notLab.get(category) ?? 0) + 1);
      return;
    }
    this.subject(observation, resolve);
    const name = nameOf(observation.code) || "an observation";
    const withdrawn = WITHDRAWN[observation.status?.trim().toLowerCase() ?? ""];
    if (withdrawn) {
      // The lab's reason: its note, else why the value is absent, else a text value it left.
      const said = [observation.note?.map((note) => note.text?.trim()).filter(Boolean).join(" "), observation.dataAbsentReason && nameOf(observation.dataAbsentReason), observation.valueString?.trim()].find(Boolean);
      this.result.skipped.push({ reason: `${name} — cancelled by the lab: ${said || `${withdrawn} (status ${observation.status})`}`, where, cancelled: true });
      return;
    }
    const date = observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.effectiveInstant ?? observation.issued;
    const notes = observation.note?.map((note) => note.text?.trim()).filter(Boolean).join("\n");
    const resultStatus = resultStatusOf(observation.status);
    const common = { date, status: observation.status, notes, ...(resultStatus ? { resultStatus } : {}) };
    const components = observation.component ?? [];
    if (readValue(observation) || components.length === 0) this.value(observation, name, observation.code, common, where);
    components.forEach((component: ObservationComponent, index) => {
      this.value(component, nameOf(component.code) || `${name} component ${index + 1}`, component.code ?? observation.code, common, `${where}, component ${index + 1}`);
    });
  }

  private value(source: ObservationValue, name: string, code: CodeableConcept | undefined, common: { date?: string; status?: string; notes?: string; resultStatus?: ExtractedAnalyte["resultStatus"] }, where: string) {
    const value = readValue(source);
    if (!value) {
      const reason = source.dataAbsentReason ? nameOf(source.dataAbsentReason) : "";
      this.result.skipped.push({ reason: `${name} has no value${reason ? `: ${reason}` : ""}`, where });
      return;
    }
    const range = readRange(source);
    const loinc = loincOf(code);
    const coding = code?.coding?.find((candidate) => candidate.code);
    this.result.analytes.push(
      buildAnalyte(
        {
          name,
          value: value.value,
          unit: value.unit,
          referenceRange: range.text,
          flag: flagOf(source),
          loinc,
          code: coding?.code ? { code: coding.code, ...(coding.system ? { system: coding.system } : {}), ...(coding.display ? { display: coding.display } : {}) } : undefined,
          ...common,
        },
        { value: value.known, range: range.range },
      ),
    );
  }

  /** Results are found in the report's `contained`, then in the surrounding Bundle; the rest are listed as missing. */
  report(report: DiagnosticReport, where: string, lookup: (reference: string) => Resource | undefined) {
    const contained = new Map((report.contained ?? []).map((resource) => [`#${resource.id}`, resource]));
    const resolve: Resolve = (reference) => contained.get(reference) ?? lookup(reference);
    const dated = report as DiagnosticReport & { effectivePeriod?: { start?: string } };
    this.reportDates.effective.push(dated.effectiveDateTime ?? dated.effectivePeriod?.start);
    this.reportDates.issued.push(report.issued);
    this.subject(report, resolve);
    let missing = 0;
    (report.result ?? []).forEach((reference, index) => {
      const target = reference.reference ? resolve(reference.reference) : undefined;
      if (target?.resourceType === "Observation") {
        this.observation(target as Observation, `${where}, result ${index + 1}`, resolve);
        return;
      }
      missing += 1;
      const label = reference.display ?? reference.reference ?? `result ${index + 1}`;
      this.result.skipped.push({
        reason: `${label} is referenced by the report but its Observation (${reference.reference ?? "no reference"}) is not in the file`,
        where,
      });
    });
    if (missing > 0) {
      this.result.warnings.push(`the DiagnosticReport references ${missing} Observation(s) that are not included; send a Bundle that includes them, or the report with its results contained`);
    }
    for (const resource of report.contained ?? []) {
      if (resource.resourceType === "Observation") this.observation(resource as Observation, `${where}, contained ${resource.id ?? ""}`.trim(), resolve);
    }
  }

  /**
   * `bundlePatients`: the Patients of a Bundle, which stand for the subject only when no result names a
   * subject and there is exactly one of them.
   */
  finish(bundlePatients: Patient[] = []): ExtractionResult {
    if (this.notLab.size > 0) {
      const counts = [...this.notLab].map(([category, count]) => `${count} ${category}`).join(", ");
      this.result.warnings.push(`left out observations that are not lab results (${counts})`);
    }
    const people = this.people.count();
    if (people > 1) throw severalPeople(people);
    const patients = this.patients.size > 0 ? [...this.patients] : this.subjects === 0 && bundlePatients.length === 1 ? bundlePatients : [];
    applyPatient(this.result, patients.map(patientClues), this.reportDates.effective, this.reportDates.issued);
    if (this.conditions.size > 0 || this.medications.size > 0) {
      this.result.patient = {
        ...this.result.patient,
        ...(this.conditions.size > 0 ? { conditions: [...this.conditions] } : {}),
        ...(this.medications.size > 0 ? { medications: [...this.medications] } : {}),
      };
    }
    return this.result;
  }
}

function bundleLookup(bundle: Bundle): (reference: string) => Resource | undefined {
  const index = new Map<string, Resource>();
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (!isResource(resource)) continue;
    if (entry.fullUrl) index.set(entry.fullUrl, resource);
    if (resource.id) index.set(`${resource.resourceType}/${resource.id}`, resource);
  }
  return (reference) => index.get(reference) ?? index.get(reference.split("/").slice(-2).join("/"));
}

/** How deep Bundles inside Bundles are followed: a collection of per-patient documents is two levels. */
const NESTED_BUNDLE_DEPTH = 3;

/**
 * A Bundle whose entries are themselves Bundles (a collection of reports, each its own Bundle) read as one
 * list of entries, so that every result is read and every person in it counted.
 */
function flattenBundle(bundle: Bundle, depth = 0): Bundle {
  if (!(bundle.entry ?? []).some((entry) => entry.resource?.resourceType === "Bundle")) return bundle;
  const entry = (bundle.entry ?? []).flatMap((item) =>
    item.resource?.resourceType === "Bundle" && depth < NESTED_BUNDLE_DEPTH ? (flattenBundle(item.resource as Bundle, depth + 1).entry ?? []) : [item],
  );
  return { ...bundle, entry };
}

const where = (resource: Resource, fallback: string) => (resource.id ? `${resource.resourceType}/${resource.id}` : fallback);

export function extractFhir(data: unknown): ExtractionResult {
  if (!isResource(data)) throw new ExtractionError("this JSON is not a FHIR resource (it has no resourceType)");
  const reader = new Reader();
  const bundlePatients: Patient[] = [];
  if (data.resourceType !== "Bundle") reader.microbiology([data], () => undefined);
  if (data.resourceType === "Observation") {
    reader.observation(data as Observation, where(data, "Observation"));
  } else if (data.resourceType === "DiagnosticReport") {
    reader.report(data as DiagnosticReport, where(data, "DiagnosticReport"), () => undefined);
  } else if (data.resourceType === "Bundle") {
    const bundle = flattenBundle(data as Bundle);
    const lookup = bundleLookup(bundle);
    reader.microbiology((bundle.entry ?? []).map((entry) => entry.resource).filter(isResource), lookup);
    (bundle.entry ?? []).forEach((entry, index) => {
      const resource = entry.resource;
      if (!isResource(resource)) return;
      const place = where(resource, `Bundle entry ${index + 1}`);
      if (resource.resourceType === "Observation") reader.observation(resource as Observation, place, lookup);
      if (resource.resourceType === "DiagnosticReport") reader.report(resource as DiagnosticReport, place, lookup);
      if (resource.resourceType === "Condition") reader.condition(resource as Condition, lookup);
      if (resource.resourceType === "MedicationRequest" || resource.resourceType === "MedicationStatement") reader.medication(resource as MedicationUse, lookup);
      if (resource.resourceType === "Patient") {
        bundlePatients.push(resource as Patient);
        reader.people.patient(resource as Patient, ...(entry.fullUrl ? [entry.fullUrl] : []));
      }
    });
  } else {
    throw new ExtractionError(`this FHIR resource is a ${data.resourceType}; Labwise reads lab results from an Observation, a DiagnosticReport or a Bundle`);
  }
  return reader.finish(bundlePatients);
}
