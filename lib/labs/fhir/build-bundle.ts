/**
 * A lab as a FHIR R4 Bundle (https://hl7.org/fhir/R4/bundle.html) for download: one DiagnosticReport
 * (https://hl7.org/fhir/R4/diagnosticreport.html) and one laboratory Observation per analyte
 * (https://hl7.org/fhir/R4/observation.html), about a Patient that carries nothing but an opaque id. Pure.
 *
 * - `type: "collection"`: a download is a set of resources handed over as they are. A `document` would
 *   need a Composition and an attester vouching for the whole; a `transaction` is instructions to a server
 *   (`request` per entry). Every entry has a `urn:uuid:` fullUrl and every reference inside the Bundle
 *   points to one of them, so a receiver can load it into its own server and keep the links.
 * - De-identified: the Patient has neither name nor identifier, and its id is a pseudonym of the lab (the
 *   same on every download of that lab, never the member's id or the partner's external id). Free text comes
 *   from columns the pipeline's deidentify step has scrubbed.
 * - Built from the analytes as stored when the lab is ready, so values derived in run_inference are in it
 *   (marked with `derivedFrom` and the formula), which the pipeline's own mirror in `lab_results.fhir_bundle`
 *   (written before them) is not: every surface serves this builder's output.
 */
import { createHash } from "node:crypto";
import { findByLoinc } from "../../clinical/catalogue";
import { toUcum as parseUcum } from "../../clinical/units";
import { derivedInputs } from "./derived-inputs";
import { FHIR, interpretationOf, PSEUDONYMIZED, type Coding } from "./terminology";
import { shownRange } from "../shown-range";

/** The analyte columns the Bundle reads (a Prisma `Analyte` row fits). */
export interface FhirAnalyte {
  id: string;
  position: number;
  rawName: string;
  rawValue: string;
  rawUnit: string | null;
  rawRange: string | null;
  notes: string | null;
  code: string | null;
  loinc: string | null;
  displayName: string | null;
  valueNumber: number | null;
  valueComparator: string | null;
  valueText: string | null;
  unit: string | null;
  normalizedUnit: string | null;
  referenceLow: number | null;
  referenceHigh: number | null;
  referenceText: string | null;
  referenceSource: string | null;
  flag: string | null;
  derived: boolean;
  /** The lab's status when the result is not final ("preliminary", "corrected"); null or absent when final. */
  resultStatus?: string | null;
  observedAt: Date | null;
}

export interface FhirLab {
  id: string;
  /** Only `ready` labs are final; anything else is `preliminary`. */
  status: string;
  /** When the results were released (the lab's completion); the Bundle's timestamp too. */
  issued: Date;
  analytes: FhirAnalyte[];
  /** Titles of the lab's findings, most important first: the report's conclusion for a clinician. */
  findingTitles: string[];
}

/** JSON, as FHIR's JSON format is: what the builder emits is stored and sent as it is. */
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Json = { [key: string]: JsonValue };
export interface FhirResource {
  resourceType: string;
  id: string;
  [element: string]: JsonValue;
}
export type FhirBundleEntry = {
  fullUrl: string;
  resource: FhirResource;
};
export type LabFhirBundle = {
  resourceType: "Bundle";
  id: string;
  meta: { lastUpdated: string; security: Coding[] };
  type: "collection";
  timestamp: string;
  entry: FhirBundleEntry[];
};

const urn = (id: string) => `urn:uuid:${id}`;

/** A stable UUID (RFC 9562 layout, version 5 bits over SHA-256) for a name: the same lab gets the same ids. */
function nameUuid(name: string): string {
  const hex = createHash("sha256").update(name).digest("hex").slice(0, 32).split("");
  hex[12] = "5";
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const COMPARATORS = new Set(["<", "<=", ">=", ">"]);

/**
 * UCUM validation is slow for a unit it does not know (the NLM parser tries every reading) and a lab repeats
 * a handful of units over thousands of rows: remembered, up to a bound a file of made-up units cannot pass.
 */
const ucumCodes = new Map<string, string | null>();
function toUcum(unit: string | null | undefined): string | null {
  if (!unit) return null;
  const known = ucumCodes.get(unit);
  if (known !== undefined) return known;
  const code = parseUcum(unit);
  if (ucumCodes.size < 2000) ucumCodes.set(unit, code);
  return code;
}

/** A Quantity: the printed unit in `unit`, and UCUM `system`/`code` only when the unit is valid UCUM. */
function quantity(value: number, unit: string | null | undefined, printed?: string | null): Json {
  const code = toUcum(unit);
  const shown = printed?.trim() || unit?.trim();
  return { value, ...(shown ? { unit: shown } : {}), ...(code ? { system: FHIR.ucum, code } : {}) };
}

/** The catalogue's code for the analyte: stored when map_to_fhir set it, else the catalogue entry of its LOINC. */
const catalogueCode = (a: FhirAnalyte) => a.code ?? (a.loinc ? findByLoinc(a.loinc)?.code : undefined) ?? null;

function observationCode(a: FhirAnalyte): Json {
  const coding: Coding[] = [];
  if (a.loinc) coding.push({ system: FHIR.loinc, code: a.loinc });
  coding.push({ system: FHIR.labwiseAnalyte, code: catalogueCode(a) ?? a.rawName, display: a.displayName ?? a.rawName });
  return { coding, text: a.displayName ?? a.rawName };
}

function value(a: FhirAnalyte): Json {
  if (a.valueNumber != null && (!a.valueComparator || COMPARATORS.has(a.valueComparator))) {
    // The printed unit only when it is the unit the value is in (map_to_fhir may have reconciled it).
    const printed = a.rawUnit && toUcum(a.rawUnit) === toUcum(a.unit) ? a.rawUnit : a.unit;
    return { valueQuantity: { ...quantity(a.valueNumber, a.unit, printed), ...(a.valueComparator ? { comparator: a.valueComparator } : {}) } };
  }
  const text = (a.valueText ?? a.rawValue).trim();
  if (text) return { valueString: text };
  return { dataAbsentReason: { coding: [{ system: FHIR.dataAbsentReason, code: "unknown", display: "Unknown" }] } };
}

function referenceRange(a: FhirAnalyte): Json {
  // A catalogue interval is in the catalogue's canonical unit; the lab's own range in the lab's unit.
  const unit = a.referenceSource === "catalogue" ? a.normalizedUnit : a.unit;
  const text = shownRange(a)?.trim();
  const range = {
    ...(a.referenceLow != null ? { low: quantity(a.referenceLow, unit) } : {}),
    ...(a.referenceHigh != null ? { high: quantity(a.referenceHigh, unit) } : {}),
    ...(text ? { text } : {}),
  };
  return Object.keys(range).length ? { referenceRange: [range] } : {};
}

/**
 * Observation.status from the lab's result status as extraction read it (HL7 OBX-11, FHIR
 * Observation.status): `corrected`, `preliminary`, else `final` (hl7.org/fhir/R4/valueset-observation-status.html).
 */
const observationStatus = (a: FhirAnalyte) => (a.resultStatus === "corrected" ? "corrected" : a.resultStatus === "preliminary" ? "preliminary" : "final");

/**
 * DiagnosticReport.status (hl7.org/fhir/R4/valueset-diagnostic-report-status.html): `preliminary` until the
 * lab is ready or while any result is preliminary; `corrected` when a result was corrected; else `final`.
 */
function reportStatus(labStatus: string, resultStatuses: readonly (string | null | undefined)[]): string {
  if (labStatus !== "ready" || resultStatuses.includes("preliminary")) return "preliminary";
  return resultStatuses.includes("corrected") ? "corrected" : "final";
}

function observation(a: FhirAnalyte, ctx: { patient: string; issued: string; inputs: string[] }): FhirResource {
  const interpretation = interpretationOf(a);
  const calculated = a.derived;
  return {
    resourceType: "Observation",
    id: a.id,
    status: observationStatus(a),
    category: [{ coding: [{ system: FHIR.observationCategory, code: "laboratory", display: "Laboratory" }] }],
    code: observationCode(a),
    subject: { reference: ctx.patient },
    ...(a.observedAt ? { effectiveDateTime: a.observedAt.toISOString() } : {}),
    issued: ctx.issued,
    ...value(a),
    ...(interpretation ? { interpretation: [{ coding: [interpretation], text: a.flag }] } : {}),
    // A calculated value's notes are its formula, given as its method.
    ...(a.notes && !calculated ? { note: [{ text: a.notes }] } : {}),
    ...(calculated
      ? {
          method: { text: a.notes?.replace(/^Calculated:\s*/, "Calculated by Labwise: ") ?? "Calculated by Labwise from the measured values" },
          ...(ctx.inputs.length ? { derivedFrom: ctx.inputs.map((id) => ({ reference: urn(id) })) } : {}),
        }
      : {}),
    ...referenceRange(a),
  };
}

function effective(observed: Date[]): Json {
  const times = observed.map((d) => d.getTime());
  if (!times.length) return {};
  const [start, end] = [Math.min(...times), Math.max(...times)];
  return start === end
    ? { effectiveDateTime: new Date(start).toISOString() }
    : { effectivePeriod: { start: new Date(start).toISOString(), end: new Date(end).toISOString() } };
}

const patientUrn = (labId: string) => urn(nameUuid(`labwise:patient-of-lab:${labId}`));

/** One analyte's Observation as a Bundle entry; `inputs` are the ids of the analytes a calculated value came from. */
export function labObservationEntry(a: FhirAnalyte, lab: { id: string; issued: Date }, inputs: string[] = []): FhirBundleEntry {
  return { fullUrl: urn(a.id), resource: observation(a, { patient: patientUrn(lab.id), issued: lab.issued.toISOString(), inputs }) };
}

/**
 * The Bundle without Observations: the report (with an empty `result`) and the Patient. `observed` are the
 * analytes' observation times, for the report's effective time; `resultStatuses` their
 * result statuses, for the report's status. The pipeline's chunked writer starts here.
 */
export function labBundleFrame(lab: Omit<FhirLab, "analytes">, observed: Date[], resultStatuses: readonly (string | null | undefined)[] = []): LabFhirBundle {
  const issued = lab.issued.toISOString();
  const patient = patientUrn(lab.id);
  const conclusion = lab.findingTitles.length ? lab.findingTitles.join("; ") : undefined;
  const report: FhirResource = {
    resourceType: "DiagnosticReport",
    id: lab.id,
    status: reportStatus(lab.status, resultStatuses),
    category: [{ coding: [{ system: FHIR.v2DiagnosticServiceSection, code: "LAB", display: "Laboratory" }] }],
    code: { coding: [{ system: FHIR.loinc, code: "11502-2", display: "Laboratory report" }], text: "Laboratory report" },
    subject: { reference: patient },
    ...effective(observed),
    issued,
    result: [],
    ...(conclusion ? { conclusion } : {}),
  };
  const patientResource: FhirResource = { resourceType: "Patient", id: patient.slice("urn:uuid:".length), meta: { security: [PSEUDONYMIZED] } };
  return {
    resourceType: "Bundle",
    id: nameUuid(`labwise:fhir-bundle:${lab.id}:${issued}`),
    meta: { lastUpdated: issued, security: [PSEUDONYMIZED] },
    type: "collection",
    timestamp: issued,
    entry: [report, patientResource].map((resource) => ({ fullUrl: urn(resource.id), resource })),
  };
}

/** The lab's FHIR R4 Bundle: a DiagnosticReport referencing one Observation per analyte, and the Patient. */
export function buildLabFhirBundle(lab: FhirLab): LabFhirBundle {
  const analytes = [...lab.analytes].sort((a, b) => a.position - b.position);
  const inputs = derivedInputs(analytes.map((a) => ({ ...a, code: catalogueCode(a) })));
  const observations = analytes.map((a) => labObservationEntry(a, lab, inputs.get(a.id) ?? []));
  const bundle = labBundleFrame(
    lab,
    analytes.flatMap((a) => (a.observedAt ? [a.observedAt] : [])),
    analytes.map((a) => a.resultStatus),
  );
  bundle.entry[0].resource.result = observations.map((o) => ({ reference: o.fullUrl }));
  bundle.entry.push(...observations);
  return bundle;
}
