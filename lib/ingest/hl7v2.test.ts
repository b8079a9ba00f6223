import { describe, expect, it } from "vitest";
import { sample, sampleText } from "../../tests/fixtures/samples";
import { extractHl7v2 } from "./hl7v2";
import { extractLab } from "./index";

const MSH = "MSH|^~\\&|LAB|FAC|EHR|FAC|20250115083000||ORU^R01|MSG1|P|2.5.1";

describe("HL7 v2 samples", () => {
  it("reads all 28 OBX of the NIST LRI CBC message", async () => {
    const result = await extractLab({ bytes: sample("LRI_2.0-NG_CBC_Typ_Message.hl7") });
    expect(result.format).toBe("hl7v2");
    expect(result.analytes).toHaveLength(28);
    expect(result.skipped).toEqual([]);
    expect(result.analytes[1]).toMatchObject({
      name: "Hemoglobin [Mass/volume] in Blood",
      value: "12.5",
      unit: "g/mL",
      referenceRange: "13 to 18",
      flag: "L",
      status: "F",
      loinc: "718-7",
      parsed: { valueNumber: 12.5, range: { low: 13, high: 18 }, observedAt: "2011-01-03T22:34:28.000Z" },
    });
    expect(result.analytes[3]).toMatchObject({ value: "105600", unit: "{cells}/uL", flag: "HH" });
    expect(result.analytes[19]).toMatchObject({ name: "Anisocytosis [Presence] in Blood", value: "Present ++ out of ++++", flag: "A", parsed: { valueText: "Present ++ out of ++++" } });
    expect(result.analytes[27]).toMatchObject({ value: "Platelets show defective granulation.", parsed: { valueText: "Platelets show defective granulation." } });
    expect(new Set(result.analytes.map((analyte) => analyte.flag))).toEqual(new Set(["N", "L", "HH", "A"]));
  });

  it("reads the SN glucose of ORU-R01-RMGEAD with its 70_105 range and H flag", async () => {
    const result = await extractLab({ bytes: sample("ORU-R01-RMGEAD.hl7") });
    expect(result.analytes).toHaveLength(1);
    expect(result.analytes[0]).toMatchObject({
      name: "GLUCOSE",
      value: "182",
      unit: "mg/dl",
      referenceRange: "70_105",
      flag: "H",
      date: "20020215073000+0600", // OBX-14 is empty, so OBR-7
      parsed: { valueNumber: 182, range: { low: 70, high: 105 }, observedAt: "2002-02-15T01:30:00.000Z" },
    });
  });

  it("skips LAB-ORU-1's WBC and hemoglobin, which have no value yet (status I)", async () => {
    const result = await extractLab({ bytes: sample("LAB-ORU-1.hl7") });
    expect(result.analytes).toHaveLength(8);
    expect(result.skipped).toHaveLength(2);
    expect(result.skipped.map((entry) => entry.reason)).toEqual([expect.stringMatching(/^LEUKOCYTES has no value: .*pending \(status I\)/), expect.stringMatching(/^HEMOGLOBIN has no value/)]);
    expect(result.analytes[0]).toMatchObject({ name: "ERYTHROCYTES", value: "4.06", unit: "tera.l-1", flag: "N", status: "P", loinc: "11273-0" });
  });

  it("reads LAB-ORU-2's final results", async () => {
    const result = await extractLab({ bytes: sample("LAB-ORU-2.hl7") });
    expect(result.analytes).toHaveLength(10);
    expect(result.analytes.find((analyte) => analyte.loinc === "20509-6")).toMatchObject({ value: "13.4", unit: "g/l-1", status: "F" });
  });

  it("reads the blood lead of the NIST ELR message (CR separators) with its text range", async () => {
    const text = sampleText("ORU_R01_2.5.1_SampleTestCase1.hl7");
    expect(text).toContain("\r");
    const result = await extractLab({ bytes: sample("ORU_R01_2.5.1_SampleTestCase1.hl7") });
    expect(result.analytes).toHaveLength(1);
    expect(result.analytes[0]).toMatchObject({
      loinc: "10368-9",
      value: "50",
      unit: "ug/dL",
      flag: "H",
      status: "F",
      parsed: { valueNumber: 50, range: { high: 9, highInclusive: false, unit: "mcg/dL", text: expect.stringContaining("Acceptable background lead exposure") } },
    });
  });

  it("reads the culture of the kitchen-sink message as microbiology with its NTE notes and skips what is not a lab value", async () => {
    const result = await extractLab({ bytes: sample("ORU-R01-01.hl7") });
    expect(result.analytes).toHaveLength(0);
    expect(result.microbiology).toEqual([
      expect.objectContaining({ test: "Bacteria identified in Stool by Culture", organism: "Salmonella", resultStatus: "preliminary", notes: "Submission of serum\nNo Antibodies Detected" }),
    ]);
    expect(result.skipped.map((entry) => entry.reason)).toEqual([
      expect.stringMatching(/value type RP/),
      expect.stringMatching(/value type ED/),
      expect.stringMatching(/value type RP/),
      expect.stringMatching(/2 values in one numeric result/),
    ]);
  });
});

describe("HL7 v2 details", () => {
  it("does not read answers given at order entry (age at collection, employment) as lab results", () => {
    const result = extractHl7v2(
      [
        MSH,
        "OBR|1|||5198-7^HCV Ab^LN|||20250110",
        "OBX|1|NM|2345-7^Glucose^LN||92|mg/dL|70-99|N|||F",
        "SPM|1|||122555007^Venous blood specimen^SCT",
        "OBX|2|NM|35659-2^Age at specimen collection^LN|1|29|a^year^UCUM|||||F",
        "OBX|3|TX|11294-6^Current employment^LN|1|food handler||||||F",
      ].join("\r"),
    );
    expect(result.analytes.map((analyte) => analyte.name)).toEqual(["Glucose"]);
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([
      'OBX 2 (segment 5): the answer to "age at specimen collection" given when the test was ordered was not read as a lab result',
      'OBX 3 (segment 6): the answer to "current employment" given when the test was ordered was not read as a lab result',
    ]);
  });

  it("accepts CRLF and LF separators and a BOM", () => {
    const body = [MSH, "OBR|1|||4548-4^HbA1c^LN|||20250110", "OBX|1|NM|4548-4^Hemoglobin A1c^LN||7.2|%|4.0-5.6|H|||F"];
    for (const separator of ["\r\n", "\n", "\r"]) {
      const result = extractHl7v2(`\uFEFF${body.join(separator)}`);
      expect(result.analytes).toEqual([expect.objectContaining({ value: "7.2", loinc: "4548-4", date: "20250110", parsed: expect.objectContaining({ observedAt: "2025-01-10" }) })]);
    }
  });

  it("reads SN comparators, ranges and ratios", () => {
    const result = extractHl7v2(
      [MSH, "OBX|1|SN|2160-0^Creatinine^LN||<^0.2|mg/dL", "OBX|2|SN|5196-1^HBsAg titer^LN||^1^:^128", "OBX|3|SN|1234-5^Cells^LN||^10^-^20|/hpf"].join("\r"),
    );
    expect(result.analytes.map((analyte) => [analyte.value, analyte.parsed.valueNumber, analyte.parsed.comparator, analyte.parsed.valueText])).toEqual([
      ["<0.2", 0.2, "<", undefined],
      ["1:128", undefined, undefined, "1:128"],
      ["10-20", undefined, undefined, "10-20"],
    ]);
  });

  it("keeps a corrected result in place of the one it corrects, and says so", () => {
    const result = extractHl7v2(
      [MSH, "OBR|1|||24323-8^CMP^LN", "OBX|1|NM|2823-3^Potassium^LN||6.8|mmol/L|3.5-5.1|H|||F", "OBX|2|NM|2823-3^Potassium^LN||4.2|mmol/L|3.5-5.1|N|||C", "NTE|1||Hemolysed sample \\T\\ redrawn"].join("\r"),
    );
    expect(result.analytes).toHaveLength(1);
    expect(result.analytes[0]).toMatchObject({ value: "4.2", status: "C", resultStatus: "corrected", notes: "Hemolysed sample & redrawn" });
    expect(result.warnings).toEqual(["Potassium: the corrected result 4.2 replaces 6.8"]);
  });
});
