import { describe, expect, it } from "vitest";
import { sample, sampleText } from "../../tests/fixtures/samples";
import { extractFhir } from "./fhir";
import { extractLab } from "./index";

const json = (name: string): unknown => JSON.parse(sampleText(name));

describe("FHIR Observations", () => {
  it.each([
    ["observation-serum-creatinine.json", "2160-0", 1, "mg/dL", 0.2, 0.6, "H"],
    ["observation-serum-potassium.json", "2823-3", 5.4, "mmol/L", 3.5, 5.5, "N"],
    ["observation-serum-glucose.json", "2345-7", 76, "mg/dL", 40, 109, "N"],
    ["observation-serum-calcium.json", "17861-6", 7.7, "mg/dL", 8.5, 10.5, "L"],
    ["observation-cbc-hemoglobin.json", "718-7", 17, "g/dL", 16.5, 21.5, "N"],
    ["observation-cbc-mchc.json", "786-4", 34.7, "g/dL", 30, 34, "H"],
    ["observation-example-f001-glucose.json", "15074-8", 6.3, "mmol/l", 3.1, 6.2, "H"],
    ["observation-example-f005-hemoglobin.json", "718-7", 7.2, "g/dl", 7.5, 10, "L"],
  ])("%s", async (file, loinc, value, unit, low, high, flag) => {
    const result = await extractLab({ bytes: sample(file) });
    expect(result.format).toBe("fhir");
    expect(result.analytes).toHaveLength(1);
    expect(result.analytes[0]).toMatchObject({ loinc, unit, flag, status: "final", parsed: { valueNumber: value, unit, range: { low, high, lowInclusive: true, highInclusive: true } } });
  });

  it("reads the creatinine observation as received", async () => {
    const [creatinine] = (await extractLab({ bytes: sample("observation-serum-creatinine.json") })).analytes;
    expect(creatinine).toMatchObject({ name: "Creatinine, Blood", value: "1", referenceRange: "0.2-0.6 mg/dL", date: "2005-07-05", code: { system: "http://loinc.org", code: "2160-0" } });
  });

  it("uses effectivePeriod.start when there is no effectiveDateTime", async () => {
    const [glucose] = (await extractLab({ bytes: sample("observation-example-f001-glucose.json") })).analytes;
    expect(glucose.parsed.observedAt).toBe("2013-04-02T08:30:10.000Z");
  });
});

describe("FHIR DiagnosticReports", () => {
  it.each(["diagnosticreport-cbc.json", "diagnosticreport-metabolic-panel.json"])("%s only references its results, and says so", async (file) => {
    const result = await extractLab({ bytes: sample(file) });
    expect(result.analytes).toEqual([]);
    expect(result.skipped).toHaveLength(8);
    expect(result.skipped[0].reason).toMatch(/is referenced by the report but its Observation \(Observation\/.+\) is not in the file/);
    expect(result.warnings.join(" ")).toMatch(/references 8 Observation\(s\) that are not included/);
  });

  it("reads contained results, components and coded values, and leaves out vital signs", () => {
    const observation = (id: string, extra: object) => ({ resourceType: "Observation", id, status: "final", ...extra });
    const result = extractFhir({
      resourceType: "DiagnosticReport",
      contained: [
        observation("ua", { code: { coding: [{ system: "http://loinc.org", code: "5804-0", display: "Protein [Mass/volume] in Urine by Test strip" }] }, valueCodeableConcept: { coding: [{ display: "Negative" }] } }),
        observation("bp", {
          category: [{ coding: [{ code: "vital-signs" }] }],
          code: { coding: [{ system: "http://loinc.org", code: "85354-9" }] },
          component: [{ code: { text: "Systolic" }, valueQuantity: { value: 120, unit: "mm[Hg]" } }],
        }),
        observation("panel", {
          category: [{ coding: [{ code: "laboratory" }] }],
          code: { text: "Antibody panel" },
          component: [
            { code: { coding: [{ system: "http://loinc.org", code: "1-8", display: "IgG" }] }, valueQuantity: { value: 1.1, comparator: "<", unit: "mg/L" }, interpretation: [{ coding: [{ code: "N" }] }] },
            { code: { text: "IgM" }, dataAbsentReason: { text: "Sample haemolysed" } },
          ],
        }),
      ],
      result: [{ reference: "#ua" }, { reference: "#bp" }, { reference: "#panel" }],
    });
    expect(result.analytes.map((analyte) => [analyte.name, analyte.value, analyte.parsed.valueNumber ?? analyte.parsed.valueText])).toEqual([
      ["Protein [Mass/volume] in Urine by Test strip", "Negative", "Negative"],
      ["IgG", "<1.1", 1.1],
    ]);
    expect(result.analytes[1]).toMatchObject({ loinc: "1-8", flag: "N", parsed: { comparator: "<", unit: "mg/L" } });
    expect(result.skipped).toEqual([{ reason: "IgM has no value: Sample haemolysed", where: "DiagnosticReport, result 3, component 2" }]);
    expect(result.warnings).toEqual(["left out observations that are not lab results (1 vital-signs)"]);
  });
});

describe("Synthea bundles", () => {
  it("keeps every HbA1c observation of Stewart Stanton with its date", () => {
    const result = extractFhir(json("Stewart_Stanton_e1c92057-888b-4d8a-a459-5c1c4eed82c7.json"));
    expect(result.analytes).toHaveLength(386);
    const hba1c = result.analytes.filter((analyte) => analyte.loinc === "4548-4");
    expect(hba1c.length).toBeGreaterThan(5);
    expect(hba1c[0]).toMatchObject({ unit: "%", date: "1960-09-03T19:20:06+00:00", parsed: { observedAt: "1960-09-03T19:20:06.000Z", unit: "%" } });
    expect(new Set(hba1c.map((analyte) => analyte.parsed.observedAt)).size).toBe(hba1c.length);
    expect(result.analytes.some((analyte) => analyte.loinc === "38483-4")).toBe(true);
    expect(result.analytes.some((analyte) => analyte.parsed.valueText !== undefined)).toBe(true); // coded urinalysis
    expect(result.warnings.join(" ")).toMatch(/58 vital-signs/);
  });

  it("reads the 244 numeric labs of Barrett Cummings, each with a number, unit and date", async () => {
    const result = await extractLab({ bytes: sample("Barrett_Cummings_512a3be0-5653-496b-bf4a-20c6a0e71d88.json"), filename: "bundle.csv" });
    expect(result.format).toBe("fhir");
    expect(result.analytes).toHaveLength(244);
    for (const analyte of result.analytes) {
      expect(analyte.parsed.valueNumber).toEqual(expect.any(Number));
      expect(analyte.parsed.observedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    expect(result.analytes.filter((analyte) => analyte.loinc === "4548-4")).toHaveLength(5);
  });
});
