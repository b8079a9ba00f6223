/**
 * The lab Bundle as a receiver reads it: valid FHIR R4 (the @medplum/core validator with the HL7
 * definitions), LOINC and UCUM where they apply and never where they don't, our flags as HL7 v3
 * interpretation codes, calculated values traceable to their inputs, and no identifier of the person.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bundleIssues } from "../../../tests/support/fhir/validate";
import { buildLabFhirBundle, type FhirAnalyte, type FhirLab } from "./build-bundle";
import { labFhirBundleSchema } from "./schema";

let position = 0;
function analyte(overrides: Partial<FhirAnalyte> = {}): FhirAnalyte {
  return {
    id: randomUUID(),
    position: position++,
    rawName: "Glucose",
    rawValue: "132",
    rawUnit: "mg/dL",
    rawRange: "70-99",
    notes: null,
    code: "glucose",
    loinc: "2345-7",
    displayName: "Glucose",
    valueNumber: 132,
    valueComparator: null,
    valueText: null,
    unit: "mg/dL",
    normalizedUnit: "mg/dL",
    referenceLow: 70,
    referenceHigh: 99,
    referenceText: null,
    referenceSource: "lab",
    flag: "High",
    derived: false,
    observedAt: new Date("2026-03-01T08:00:00Z"),
    ...overrides,
  };
}

function lab(analytes: FhirAnalyte[], overrides: Partial<FhirLab> = {}): FhirLab {
  return { id: randomUUID(), status: "ready", issued: new Date("2026-03-02T09:15:04Z"), analytes, findingTitles: ["Blood sugar above the diabetes threshold"], ...overrides };
}

// Resources are read as JSON a receiver would read it: any field, checked by the expectations themselves.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary FHIR JSON
type Json = Record<string, any>;
const observations = (bundle: ReturnType<typeof buildLabFhirBundle>) =>
  bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === "Observation") as Json[];
const only = (a: FhirAnalyte) => observations(buildLabFhirBundle(lab([a])))[0];

describe("the lab FHIR Bundle", () => {
  it("is valid FHIR R4 with every reference resolving to an entry", () => {
    const bundle = buildLabFhirBundle(
      lab([
        analyte(),
        analyte({ rawName: "Urine Protein", code: "urine-protein", loinc: "2888-6", displayName: "Protein, urine", rawValue: "Negative", valueNumber: null, valueText: "Negative", unit: null, rawUnit: null, referenceLow: null, referenceHigh: null, rawRange: "Negative", flag: "Normal" }),
        analyte({ rawName: "CRP", code: "crp", rawValue: "<0.5", valueNumber: 0.5, valueComparator: "<", unit: "mg/L", rawUnit: "mg/L", referenceLow: null, referenceHigh: 3, rawRange: "<3", flag: "Normal" }),
        analyte({ rawName: "Widget index", code: null, loinc: null, displayName: null, unit: "widgets", rawUnit: "widgets", rawRange: null, referenceLow: null, referenceHigh: null, flag: null, observedAt: null }),
      ]),
    );
    expect(bundleIssues(bundle)).toEqual([]);
    expect(labFhirBundleSchema.safeParse(bundle).error).toBeUndefined();
  });

  it("the validator rejects a broken Observation, so a pass means something", () => {
    const bundle = buildLabFhirBundle(lab([analyte()]));
    const broken = structuredClone(bundle);
    const obs = broken.entry.find((e) => e.resource.resourceType === "Observation")!.resource;
    obs.valueQuantity = { value: "132" };
    obs.subject = { reference: "urn:uuid:00000000-0000-4000-8000-000000000000" };
    expect(bundleIssues(broken).map((i) => i.text)).toEqual(
      expect.arrayContaining([expect.stringContaining("expected number"), "unresolved reference urn:uuid:00000000-0000-4000-8000-000000000000"]),
    );
  });

  it("puts the report first, referencing every Observation by its entry's fullUrl, in the lab's order", () => {
    const analytes = [analyte({ position: 2 }), analyte({ position: 1 }), analyte({ position: 3 })];
    const bundle = buildLabFhirBundle(lab(analytes));
    const [report, patient] = bundle.entry;
    expect(bundle.type).toBe("collection");
    expect(report.resource).toMatchObject({ resourceType: "DiagnosticReport", status: "final", conclusion: "Blood sugar above the diabetes threshold", issued: "2026-03-02T09:15:04.000Z" });
    expect(report.resource.result).toEqual([analytes[1], analytes[0], analytes[2]].map((a) => ({ reference: `urn:uuid:${a.id}` })));
    expect(patient.resource.resourceType).toBe("Patient");
    for (const o of observations(bundle)) expect(o.subject).toEqual({ reference: patient.fullUrl });
  });

  it("a lab that is not ready is a preliminary report", () => {
    expect(buildLabFhirBundle(lab([analyte()], { status: "processing" })).entry[0].resource.status).toBe("preliminary");
  });

  it("codes a result with LOINC and the Labwise code, and an unknown analyte with its printed name only", () => {
    expect(only(analyte()).code.coding).toEqual([
      { system: "http://loinc.org", code: "2345-7" },
      { system: "https://labwise.dev/fhir/CodeSystem/analyte", code: "glucose", display: "Glucose" },
    ]);
    expect(only(analyte({ rawName: "Widget index", code: null, loinc: null, displayName: null })).code).toEqual({
      coding: [{ system: "https://labwise.dev/fhir/CodeSystem/analyte", code: "Widget index", display: "Widget index" }],
      text: "Widget index",
    });
  });

  it("gives a UCUM system and code only to units UCUM knows, keeping the printed unit", () => {
    expect(only(analyte({ unit: "10*3/uL", rawUnit: "x10^3/uL", valueNumber: 7.1 })).valueQuantity).toEqual({ value: 7.1, unit: "x10^3/uL", system: "http://unitsofmeasure.org", code: "10*3/uL" });
    const odd = only(analyte({ unit: "widgets", rawUnit: "widgets" }));
    expect(odd.valueQuantity).toEqual({ value: 132, unit: "widgets" });
    expect(odd.referenceRange[0].low).toEqual({ value: 70, unit: "widgets" });
  });

  it("keeps the comparator of a bound result", () => {
    expect(only(analyte({ rawValue: ">1000", valueNumber: 1000, valueComparator: ">" })).valueQuantity).toMatchObject({ value: 1000, comparator: ">" });
    expect(only(analyte({ valueNumber: 5, valueComparator: "<=" })).valueQuantity).toMatchObject({ value: 5, comparator: "<=" });
  });

  it("gives a text result as valueString with the range as printed", () => {
    const o = only(analyte({ rawValue: "Negative", valueText: "Negative", valueNumber: null, unit: null, rawUnit: null, referenceLow: null, referenceHigh: null, rawRange: "Negative", flag: "Normal" }));
    expect(o.valueString).toBe("Negative");
    expect(o.valueQuantity).toBeUndefined();
    expect(o.referenceRange).toEqual([{ text: "Negative" }]);
  });

  it("states the range in UCUM quantities, in the catalogue's unit when the interval is the catalogue's", () => {
    expect(only(analyte()).referenceRange).toEqual([
      { low: { value: 70, unit: "mg/dL", system: "http://unitsofmeasure.org", code: "mg/dL" }, high: { value: 99, unit: "mg/dL", system: "http://unitsofmeasure.org", code: "mg/dL" }, text: "70-99" },
    ]);
    const catalogue = only(analyte({ unit: "mmol/L", rawUnit: "mmol/L", valueNumber: 7.3, normalizedUnit: "mg/dL", referenceSource: "catalogue", rawRange: null }));
    expect(catalogue.referenceRange[0].high).toEqual({ value: 99, unit: "mg/dL", system: "http://unitsofmeasure.org", code: "mg/dL" });
  });

  it.each([
    ["Low", {}, "L"],
    ["High", {}, "H"],
    ["Normal", {}, "N"],
    ["Abnormal", {}, "A"],
    ["Indeterminate", {}, "IND"],
    ["Critical", { valueNumber: 450 }, "HH"],
    ["Critical", { valueNumber: 30 }, "LL"],
    ["Critical", { valueNumber: null, valueText: "Positive" }, "AA"],
  ] as const)("maps the flag %s %j to the v3 interpretation %s", (flag, values, code) => {
    const o = only(analyte({ flag, ...values }));
    expect(o.interpretation).toEqual([{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", code, display: expect.any(String) }], text: flag }]);
  });

  it("says a result the lab corrected is corrected, a preliminary one preliminary, and every other one final", () => {
    expect(only(analyte({ resultStatus: "corrected", notes: "Hemolysed sample redrawn" })).status).toBe("corrected");
    expect(only(analyte({ resultStatus: "preliminary" })).status).toBe("preliminary");
    expect(only(analyte({ notes: "Fasting" })).status).toBe("final");
  });

  it("gives the report the status of its results: preliminary while any is, corrected when one was corrected", () => {
    const reportOf = (...statuses: (string | null)[]) => buildLabFhirBundle(lab(statuses.map((resultStatus) => analyte({ resultStatus })))).entry[0].resource.status;
    expect(reportOf(null, "preliminary", "corrected")).toBe("preliminary");
    expect(reportOf(null, "corrected")).toBe("corrected");
    expect(reportOf(null, null)).toBe("final");
  });

  it("leaves out the interpretation of an unflagged result", () => {
    expect(only(analyte({ flag: null })).interpretation).toBeUndefined();
  });

  it("marks a calculated value with its formula and the measured results it came from", () => {
    const creatinine = analyte({ rawName: "Creatinine", code: "creatinine", loinc: "2160-0", valueNumber: 1.1, unit: "mg/dL" });
    const egfr = analyte({ rawName: "eGFR (CKD-EPI 2021)", code: null, loinc: "98979-8", valueNumber: 72, unit: "mL/min/{1.73_m2}", rawUnit: "mL/min/{1.73_m2}", derived: true, notes: "Calculated: CKD-EPI 2021 creatinine equation", flag: "Normal" });
    const bundle = buildLabFhirBundle(lab([creatinine, egfr]));
    const o = observations(bundle).find((x) => x.id === egfr.id)!;
    expect(o.derivedFrom).toEqual([{ reference: `urn:uuid:${creatinine.id}` }]);
    expect(o.method).toEqual({ text: "Calculated by Labwise: CKD-EPI 2021 creatinine equation" });
    expect(o.note).toBeUndefined();
    expect(observations(bundle).find((x) => x.id === creatinine.id)!.derivedFrom).toBeUndefined();
    expect(bundleIssues(bundle)).toEqual([]);
  });

  it("takes the effective time from when the sample was observed, never from when it was processed", () => {
    expect(only(analyte()).effectiveDateTime).toBe("2026-03-01T08:00:00.000Z");
    expect(only(analyte({ observedAt: null })).effectiveDateTime).toBeUndefined();
    const report = buildLabFhirBundle(lab([analyte(), analyte({ observedAt: new Date("2026-03-01T10:00:00Z") })])).entry[0].resource;
    expect(report.effectivePeriod).toEqual({ start: "2026-03-01T08:00:00.000Z", end: "2026-03-01T10:00:00.000Z" });
  });

  it("names the patient by a pseudonym of the lab alone, with no name or identifier", () => {
    const one = lab([analyte()]);
    const patient = buildLabFhirBundle(one).entry[1].resource;
    expect(Object.keys(patient).sort()).toEqual(["id", "meta", "resourceType"]);
    expect(patient.id).not.toBe(one.id);
    expect(buildLabFhirBundle(one).entry[1].resource.id).toBe(patient.id);
    expect(buildLabFhirBundle(lab([analyte()])).entry[1].resource.id).not.toBe(patient.id);
    expect(JSON.stringify(buildLabFhirBundle(one))).not.toMatch(/"identifier"|"name"/);
  });

  it("documents an example in OpenAPI that its own schema and the validator accept", () => {
    const example = labFhirBundleSchema.meta()?.example as ReturnType<typeof buildLabFhirBundle>;
    expect(labFhirBundleSchema.safeParse(example).error).toBeUndefined();
    expect(bundleIssues(example)).toEqual([]);
  });
});
