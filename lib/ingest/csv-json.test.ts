import { describe, expect, it } from "vitest";
import { extractLab, extractItems, ExtractionError } from "./index";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("CSV", () => {
  it("recognises columns in any order, with a BOM and semicolons", async () => {
    const csv = "\uFEFFCollected;Flag;Ref. Range;Units;Result;Analyte;LOINC;Comment\n2025-01-15;H;70-99;mg/dL;126;Glucose;2345-7;fasting\n2025-01-15;;<5.7;%;5.4;HbA1c;4548-4;\n";
    const result = await extractLab({ bytes: bytes(csv) });
    expect(result.format).toBe("csv");
    expect(result.analytes).toEqual([
      expect.objectContaining({ name: "Glucose", value: "126", unit: "mg/dL", referenceRange: "70-99", flag: "H", date: "2025-01-15", loinc: "2345-7", notes: "fasting" }),
      expect.objectContaining({ name: "HbA1c", value: "5.4", unit: "%", parsed: expect.objectContaining({ valueNumber: 5.4, range: { high: 5.7, highInclusive: false, unit: "%" } }) }),
    ]);
  });

  it("reads a unit written in the value column and lists rows without a value", async () => {
    const csv = 'Test,Value,Normal Range,Date\nCreatinine,1.8 mg/dL,0.7 - 1.3,01/15/2025\n"Vitamin D, 25-OH",,30-100,01/15/2025\nUrine Glucose,Negative,Negative,01/15/2025\n';
    const result = await extractLab({ bytes: bytes(csv), contentType: "application/json" });
    expect(result.analytes.map((analyte) => [analyte.name, analyte.unit, analyte.parsed.unit, analyte.parsed.valueNumber ?? analyte.parsed.valueText, analyte.parsed.observedAt])).toEqual([
      ["Creatinine", undefined, "mg/dL", 1.8, "2025-01-15"],
      ["Urine Glucose", undefined, undefined, "Negative", "2025-01-15"],
    ]);
    expect(result.skipped).toEqual([{ reason: 'no result value for "Vitamin D, 25-OH"', where: "row 3" }]);
  });

  it("explains a CSV whose header it does not recognise", async () => {
    await expect(extractLab({ bytes: bytes("a,b,c\n1,2,3\n"), filename: "labs.csv" })).rejects.toThrow(/no header row naming the test and result columns/);
  });
});

describe("JSON lab items", () => {
  it("reads an array, {labResults} and {results}", async () => {
    const items = [{ name: "LDL Cholesterol", value: 141, unit: "mg/dL", referenceRange: "<100", flag: "H", date: "2025-01-15", loinc: "13457-7" }];
    for (const document of [items, { labResults: items }, { results: items }]) {
      const result = await extractLab({ bytes: bytes(JSON.stringify(document)) });
      expect(result.format).toBe("json");
      expect(result.analytes).toEqual([
        expect.objectContaining({ name: "LDL Cholesterol", value: "141", loinc: "13457-7", code: { system: "http://loinc.org", code: "13457-7" }, parsed: expect.objectContaining({ valueNumber: 141, range: { high: 100, highInclusive: false, unit: "mg/dL" } }) }),
      ]);
    }
  });

  it("extractItems keeps good items and lists the bad ones", () => {
    const result = extractItems([
      { name: "Glucose", value: "185", unit: "mg/dL", category: "chemistry" },
      { name: "Ferritin", value: "" },
      { name: "", value: "12" },
      { name: "TSH", value: "<0.01", notes: "Patient Name: John Smith called 555-123-4567" },
    ]);
    expect(result.analytes.map((analyte) => analyte.name)).toEqual(["Glucose", "TSH"]);
    expect(result.analytes[1].parsed).toMatchObject({ valueNumber: 0.01, comparator: "<" });
    expect(result.analytes[1].notes).toBe("Patient Name: [name] called [phone]");
    expect(result.skipped).toEqual([
      { reason: 'no value for "Ferritin"', where: "item 2" },
      { reason: "a result (12) with no test name", where: "item 3" },
    ]);
    expect(result.warnings.join(" ")).toMatch(/removed 2 personal identifier/);
  });

  it("rejects an empty list", () => {
    expect(() => extractItems([])).toThrow(ExtractionError);
  });

  it("says where malformed JSON breaks", async () => {
    await expect(extractLab({ bytes: bytes('[{"name": "Glucose", "value": }]') })).rejects.toThrow(/^the JSON is malformed: /);
  });

  it("explains JSON that holds no lab items", async () => {
    await expect(extractLab({ bytes: bytes('{"patient": "x"}') })).rejects.toThrow(/the JSON holds no lab items/);
  });
});
