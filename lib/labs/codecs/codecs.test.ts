/**
 * The lab result's JSON codecs without a database: what is written reads back as the same value, rows
 * written before versions existed still read, and a value that is neither fails naming the column and lab.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { interpret } from "../../clinical/interpret";
import { patientNarrative } from "../../clinical/narrative/patient";
import { clinicianNarrative } from "../../clinical/narrative/clinician";
import { panelOf } from "../../clinical/test-support";
import type { Prisma } from "../../db";
import {
  readCitations,
  readFhirBundle,
  readFindings,
  readInput,
  readMetadata,
  readPatientContext,
  readSkipped,
  StoredJsonError,
  writeCitations,
  writeFhirBundle,
  writeFindings,
  writeInput,
  writeMetadata,
  writePatientContext,
  writeSkipped,
} from ".";

/** What the database hands back: JSON text parsed again, so Dates and undefined are gone as they would be. */
const stored = (value: Prisma.InputJsonValue): Prisma.JsonValue => JSON.parse(JSON.stringify(value));

const patient = { age: "67", gender: "male", conditions: ["Type 2 diabetes"], medications: ["Metformin 1000 mg"] };
const labs = [
  { name: "Creatinine", value: 1.8, unit: "mg/dL", date: "2024-06-01" },
  { name: "Creatinine", value: 2.1, unit: "mg/dL", date: "2025-01-15" },
  { name: "Hemoglobin A1c", value: 7.2, unit: "%", date: "2025-01-15" },
];
const interpretation = interpret(panelOf({ age: 67, sex: "male" }, labs), { age: 67, sex: "male" });
const panel = panelOf({ age: 67, sex: "male" }, labs);
const citations = {
  patient: patientNarrative(interpretation, panel).citations,
  clinician: clinicianNarrative(interpretation, panel).citations,
};
const bundle = {
  resourceType: "Bundle" as const,
  type: "collection" as const,
  timestamp: "2025-01-15T10:00:00.000Z",
  entry: [{ fullUrl: "urn:uuid:1", resource: { resourceType: "DiagnosticReport", id: "1", result: [{ reference: "Observation/2" }] } }],
};

describe("round trips", () => {
  const lab = randomUUID();

  it("reads findings back as the engine wrote them, under a version", () => {
    expect(interpretation.findings.length).toBeGreaterThan(0);
    const json = stored(writeFindings(interpretation.findings));
    expect(json).toMatchObject({ v: 1, items: expect.any(Array) });
    expect(readFindings(json, lab)).toEqual(JSON.parse(JSON.stringify(interpretation.findings)));
  });

  it("reads trends back with their dates as dates", () => {
    expect(interpretation.trends.length).toBeGreaterThan(0);
    const json = stored(writeMetadata({ trends: interpretation.trends }));
    expect(json).toMatchObject({ v: 1, trends: [{ code: "creatinine", previousAt: "2024-06-01T00:00:00.000Z" }] });
    expect(readMetadata(json, lab)).toEqual({ trends: interpretation.trends });
  });

  it("reads both audiences' citations back", () => {
    const json = stored(writeCitations(citations));
    expect(json).toMatchObject({ v: 1 });
    expect(readCitations(json, lab)).toEqual(citations);
  });

  it("reads the patient context, the submitted items, the skipped list and the FHIR bundle back", () => {
    expect(readPatientContext(stored(writePatientContext(patient)), lab)).toEqual(patient);
    const items = [{ name: "Glucose", value: "99", unit: "mg/dL" }, { name: "Sodium", value: 140 }];
    expect(readInput(stored(writeInput(items)), lab)).toEqual(items);
    const skipped = [{ reason: "no result value for \"Potassium\"", where: "row 4" }, { reason: "a row with no test name or result" }];
    expect(readSkipped(stored(writeSkipped(skipped)), lab)).toEqual(skipped);
    expect(readFhirBundle(stored(writeFhirBundle(bundle)), lab)).toEqual(bundle);
  });

  it("keeps the version beside the partner's patient context, never inside it", () => {
    expect(stored(writePatientContext(patient))).toEqual({ v: 1, patient });
  });

  it("reads an empty column as no value", () => {
    expect(readFindings(null, lab)).toEqual([]);
    expect(readSkipped(null, lab)).toEqual([]);
    expect(readCitations(null, lab)).toBeNull();
    expect(readMetadata(null, lab)).toBeNull();
    expect(readPatientContext(null, lab)).toBeNull();
    expect(readInput(null, lab)).toBeNull();
    expect(readFhirBundle(null, lab)).toBeNull();
  });
});

describe("rows written before versions", () => {
  const lab = randomUUID();

  it("reads bare findings, trends, citations and lists as the current values", () => {
    const findings = JSON.parse(JSON.stringify(interpretation.findings));
    expect(readFindings(findings, lab)).toEqual(findings);
    const trends = JSON.parse(JSON.stringify(interpretation.trends));
    expect(readMetadata({ trends }, lab)).toEqual({ trends: interpretation.trends });
    expect(readCitations(JSON.parse(JSON.stringify(citations)), lab)).toEqual(citations);
    expect(readSkipped([{ reason: "page 3 has no text layer" }], lab)).toEqual([{ reason: "page 3 has no text layer" }]);
    expect(readInput([{ name: "Glucose", value: "99" }], lab)).toEqual([{ name: "Glucose", value: "99" }]);
  });

  it("reads a bare patient context and a bare FHIR bundle", () => {
    expect(readPatientContext(patient, lab)).toEqual(patient);
    expect(readFhirBundle(bundle, lab)).toEqual(bundle);
  });
});

describe("a stored value that is neither shape", () => {
  const lab = randomUUID();
  const failure = (read: () => unknown) => {
    try {
      read();
    } catch (error) {
      return error;
    }
    throw new Error("expected the read to throw");
  };

  it.each<[string, Prisma.JsonValue]>([
    ["an object of no known shape", { items: [] }],
    ["the current version with a wrong field", { v: 1, items: "none" }],
    ["a version this code does not know", { v: 2, findings: [] }],
    ["a list of something else", [{ title: "no severity" }]],
    ["a string", "findings"],
  ])("throws for %s, naming the column and the lab", (_, json) => {
    const error = failure(() => readFindings(json, lab));
    expect(error).toBeInstanceOf(StoredJsonError);
    expect(error).toMatchObject({ column: "findings", labResultId: lab });
    expect((error as Error).message).toContain(`lab_results.findings of lab result ${lab}`);
  });

  it("names each column it reads", () => {
    expect(failure(() => readCitations({ patient: {} }, lab))).toMatchObject({ column: "citations" });
    expect(failure(() => readMetadata({ v: 1, trends: [{ code: 1 }] }, lab))).toMatchObject({ column: "metadata" });
    expect(failure(() => readPatientContext(["not", "an", "object"], lab))).toMatchObject({ column: "patient_context" });
    expect(failure(() => readSkipped([{ where: "row 2" }], lab))).toMatchObject({ column: "skipped" });
    expect(failure(() => readInput({ v: 1 }, lab))).toMatchObject({ column: "input" });
    expect(failure(() => readFhirBundle({ resourceType: "Patient" }, lab))).toMatchObject({ column: "fhir_bundle" });
  });

  it("says where and what was expected, without repeating the stored values", () => {
    const error = failure(() => readSkipped({ v: 1, items: [{ reason: 42, where: "Johnathan Doe, MRN 88812345" }, { where: "x" }] }, lab)) as Error;
    expect(error.message).toMatch(/items\.0\.reason: Invalid input: expected string, received number/);
    // The lab's id is named on purpose (and, being random, may itself contain "42"): look past it.
    expect(error.message.replace(lab, "<lab>")).not.toMatch(/Johnathan|88812345|42/);
  });
});

describe("writes", () => {
  it("refuses a value the readers could not read back", () => {
    const [first] = interpretation.findings;
    expect(() => writeFindings([{ ...first, severity: "urgent" as never }])).toThrow();
    expect(() => writeFindings([{ ...first, patient: [{ text: "x", sources: ["notASource" as never] }] }])).toThrow(/not a source/);
    expect(() => writePatientContext({ seen: new Date() })).toThrow();
  });
});
