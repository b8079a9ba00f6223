import { describe, expect, it } from "vitest";
import { extractFhir } from "./fhir";
import { extractLab } from "./index";

const bytes = (text: string) => new TextEncoder().encode(text);
const MSH = "MSH|^~\\&|LAB|FAC|EHR|FAC|20250115083000||ORU^R01|MSG1|P|2.5.1";
const hl7 = (...segments: string[]) => extractLab({ bytes: bytes([MSH, "PID|1||123||Doe^Jane||19610615|F", "OBR|1|||24323-8^CMP^LN|||20250115", ...segments].join("\r")) });

describe("HL7 v2 OBX-11", () => {
  it("marks preliminary (P) and not-yet-verified (R) results, and leaves final ones unmarked", async () => {
    const result = await hl7(
      "OBX|1|NM|2160-0^Creatinine^LN||1.8|mg/dL|0.7-1.3|H|||P",
      "OBX|2|NM|2345-7^Glucose^LN||92|mg/dL|70-99|N|||R",
      "OBX|3|NM|2823-3^Potassium^LN||4.1|mmol/L|3.5-5.1|N|||F",
    );
    expect(result.analytes.map((analyte) => [analyte.name, analyte.resultStatus])).toEqual([
      ["Creatinine", "preliminary"],
      ["Glucose", "preliminary"],
      ["Potassium", undefined],
    ]);
  });

  it("marks a corrected result (C) as corrected", async () => {
    const result = await hl7("OBX|1|NM|2951-2^Sodium^LN||138|mmol/L|135-145|N|||C");
    expect(result.analytes[0]).toMatchObject({ value: "138", resultStatus: "corrected" });
  });

  it("excludes a cancelled result (X) with the lab's reason from the NTE", async () => {
    const result = await hl7("OBX|1|NM|2823-3^Potassium^LN||||||||X", "NTE|1||Specimen hemolyzed; recollection requested", "OBX|2|NM|2951-2^Sodium^LN||140|mmol/L|135-145|N|||F");
    expect(result.analytes.map((analyte) => analyte.name)).toEqual(["Sodium"]);
    expect(result.skipped).toEqual([{ reason: "Potassium — cancelled by the lab: Specimen hemolyzed; recollection requested", where: "OBX 1 (segment 4)", cancelled: true }]);
  });

  it("excludes deleted (D) and wrong-patient (W) results even with a value, with the lab's text or the status's meaning", async () => {
    const result = await hl7("OBX|1|NM|2345-7^Glucose^LN||412|mg/dL|70-99|H|||W", "OBX|2|ST|2160-0^Creatinine^LN||Test not performed: clotted specimen||||||D");
    expect(result.analytes).toEqual([]);
    expect(result.skipped.map((entry) => entry.reason)).toEqual([
      "Glucose — cancelled by the lab: the result was posted in error (status W)",
      "Creatinine — cancelled by the lab: Test not performed: clotted specimen",
    ]);
  });
});

describe("FHIR Observation.status", () => {
  const observation = (status: string, extra: object = {}) => ({
    resourceType: "Observation",
    id: status,
    status,
    category: [{ coding: [{ code: "laboratory" }] }],
    code: { coding: [{ system: "http://loinc.org", code: "2160-0", display: "Creatinine" }] },
    valueQuantity: { value: 1.8, unit: "mg/dL" },
    ...extra,
  });
  const read = (...observations: object[]) => extractFhir({ resourceType: "Bundle", type: "collection", entry: observations.map((resource) => ({ resource })) });

  it("maps amended and corrected to corrected, preliminary and registered to preliminary, final to none", () => {
    const result = read(observation("amended"), observation("corrected"), observation("preliminary"), observation("registered"), observation("final"));
    expect(result.analytes.map((analyte) => analyte.resultStatus)).toEqual(["corrected", "corrected", "preliminary", "preliminary", undefined]);
  });

  it("excludes cancelled and entered-in-error Observations with the lab's reason", () => {
    const result = read(
      observation("cancelled", { note: [{ text: "Insufficient sample volume" }], valueQuantity: undefined }),
      observation("entered-in-error"),
      observation("final"),
    );
    expect(result.analytes).toHaveLength(1);
    expect(result.skipped.map((entry) => entry.reason)).toEqual([
      "Creatinine — cancelled by the lab: Insufficient sample volume",
      "Creatinine — cancelled by the lab: the result was entered in error (status entered-in-error)",
    ]);
  });
});
