import { describe, expect, it } from "vitest";
import { sample } from "../../tests/fixtures/samples";
import { extractFhir } from "./fhir";
import { extractLab } from "./index";

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const bundle = (...resources: object[]) => ({ resourceType: "Bundle", type: "collection", entry: resources.map((resource, index) => ({ fullUrl: `urn:uuid:r${index}`, resource })) });
const patient = { resourceType: "Patient", id: "p", gender: "male", birthDate: "1960-05-01", name: [{ family: "Okafor", given: ["Chidi"] }] };
const hba1c = {
  resourceType: "Observation",
  status: "final",
  category: [{ coding: [{ code: "laboratory" }] }],
  code: { coding: [{ system: "http://loinc.org", code: "4548-4", display: "Hemoglobin A1c" }] },
  subject: { reference: "Patient/p" },
  effectiveDateTime: "2025-02-01",
  valueQuantity: { value: 7.2, unit: "%" },
};
const condition = (text: string, clinicalStatus?: string, extra: object = {}) => ({
  resourceType: "Condition",
  subject: { reference: "Patient/p" },
  code: { coding: [{ system: "http://snomed.info/sct", code: "44054006", display: text }] },
  ...(clinicalStatus ? { clinicalStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: clinicalStatus }] } } : {}),
  ...extra,
});

describe("conditions and medications in a FHIR Bundle", () => {
  it("keeps active and unstated conditions, and leaves out resolved, inactive and entered-in-error ones", () => {
    const result = extractFhir(
      bundle(
        patient,
        hba1c,
        condition("Diabetes mellitus type 2", "active"),
        condition("Essential hypertension"),
        condition("Acute viral pharyngitis (disorder)", "resolved"),
        condition("Anemia", "inactive"),
        condition("Chronic kidney disease", "active", { verificationStatus: { coding: [{ code: "entered-in-error" }] } }),
      ),
    );
    expect(result.patient?.conditions).toEqual(["diabetes mellitus type 2", "essential hypertension"]);
  });

  it("keeps current medicines by concept, contained or bundled Medication, and leaves out stopped, cancelled and entered-in-error ones", () => {
    const result = extractFhir(
      bundle(
        patient,
        hba1c,
        { resourceType: "MedicationRequest", status: "active", subject: { reference: "Patient/p" }, medicationCodeableConcept: { text: "Insulin glargine 100 UNT/ML Injectable Solution" } },
        { resourceType: "MedicationStatement", status: "active", subject: { reference: "Patient/p" }, contained: [{ resourceType: "Medication", id: "m", code: { coding: [{ display: "Lisinopril 10 MG Oral Tablet" }] } }], medicationReference: { reference: "#m" } },
        { resourceType: "Medication", id: "met", code: { text: "Metformin 500 MG" } },
        { resourceType: "MedicationRequest", status: "active", subject: { reference: "Patient/p" }, medicationReference: { reference: "Medication/met" } },
        { resourceType: "MedicationRequest", status: "stopped", subject: { reference: "Patient/p" }, medicationCodeableConcept: { text: "Simvastatin 10 MG" } },
        { resourceType: "MedicationRequest", status: "cancelled", subject: { reference: "Patient/p" }, medicationCodeableConcept: { text: "Aspirin 81 MG" } },
        { resourceType: "MedicationStatement", status: "entered-in-error", subject: { reference: "Patient/p" }, medicationCodeableConcept: { text: "Warfarin" } },
      ),
    );
    expect(result.patient?.medications).toEqual(["insulin glargine 100 unt/ml injectable solution", "lisinopril 10 mg oral tablet", "metformin 500 mg"]);
  });

  it("never lets the person's name into the conditions", async () => {
    const result = await extractLab({ bytes: bytes(bundle(patient, hba1c, condition("Diabetes follow-up for Chidi Okafor", "active"))) });
    expect(JSON.stringify(result.patient)).not.toMatch(/Chidi|Okafor/i);
    expect(result.patient?.conditions?.[0]).toMatch(/^diabetes follow-up for/);
  });

  it("reads Stewart Stanton's Synthea Bundle: diabetes and insulin, not his resolved conditions or stopped aspirin", async () => {
    const { patient: found } = await extractLab({ bytes: sample("Stewart_Stanton_e1c92057-888b-4d8a-a459-5c1c4eed82c7.json") });
    expect(found?.conditions).toEqual(expect.arrayContaining(["diabetes", "hypertension", "chronic kidney disease stage 1 (disorder)"]));
    expect(found?.conditions).not.toContain("viral sinusitis (disorder)");
    expect(found?.medications).toEqual(expect.arrayContaining([expect.stringMatching(/insulin/), "hydrochlorothiazide 25 mg"]));
    expect(found?.medications?.some((medication) => medication.includes("aspirin"))).toBe(false);
  });

  it("reads Barrett Cummings' Synthea Bundle: his current simvastatin once, though most of its requests are stopped", async () => {
    const { patient: found } = await extractLab({ bytes: sample("Barrett_Cummings_512a3be0-5653-496b-bf4a-20c6a0e71d88.json") });
    expect(found?.conditions).toEqual(["hypertension", "prediabetes", "anemia (disorder)", "hyperlipidemia"]);
    expect(found?.medications).toEqual(["hydrochlorothiazide 25 mg", "simvistatin 10 mg"]);
  });
});

describe("FHIR Observations with only a local code", () => {
  const local = (text: string | undefined, display: string | undefined, value: number, unit: string) => ({
    resourceType: "Observation",
    status: "final",
    code: { coding: [{ system: "urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14", code: "LOCAL1", ...(display ? { display } : {}) }], ...(text ? { text } : {}) },
    valueQuantity: { value, unit },
  });

  it("reads them by their display text instead of ending 'no lab values found'", async () => {
    const result = await extractLab({ bytes: bytes(bundle(local("Glucose, serum", undefined, 126, "mg/dL"), local(undefined, "Hemoglobin", 11.2, "g/dL"))) });
    expect(result.analytes.map((analyte) => [analyte.name, analyte.value, analyte.unit])).toEqual([
      ["Glucose, serum", "126", "mg/dL"],
      ["Hemoglobin", "11.2", "g/dL"],
    ]);
  });

  it("still leaves out uncategorised vital signs and scores, and anything whose category says it is not a lab", () => {
    const vitals = extractFhir(bundle(local("Body weight", undefined, 80, "kg"), local(undefined, "Pain severity score", 3, "{score}"), { ...local("Glucose", undefined, 99, "mg/dL"), category: [{ coding: [{ code: "survey" }] }] }, local("Creatinine", undefined, 1, "mg/dL")));
    expect(vitals.analytes.map((analyte) => analyte.name)).toEqual(["Creatinine"]);
    expect(vitals.warnings.join(" ")).toMatch(/2 uncategorised, 1 survey/);
  });

  it("does not guess from a bare local code with no display text", () => {
    const bare = extractFhir(bundle(local(undefined, undefined, 120, "mm[Hg]"), local("Potassium", undefined, 4.1, "mmol/L")));
    expect(bare.analytes.map((analyte) => analyte.name)).toEqual(["Potassium"]);
  });
});
