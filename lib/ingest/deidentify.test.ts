import { describe, expect, it } from "vitest";
import { deidentify, deidentifyText } from "./index";

describe("deidentifyText", () => {
  it.each([
    ["Patient Name: Rahul Sharma, fasting sample", "Patient Name: [removed], fasting sample", 1],
    ["Pt: O'Brien, Mary K. called back", "Pt: [removed] called back", 1],
    ["MRN: CGH-2026-04521", "MRN: [removed]", 1],
    ["Patient ID #A1234567 confirmed", "Patient ID #[removed] confirmed", 1],
    ["Call (206) 334-5232 or 206-752-1210", "Call [removed] or [removed]", 2],
    ["Results sent to jane.doe@example.org", "Results sent to [removed]", 1],
    ["Lives at 153 Fernwood Drive, Statesville, OH 35292.", "Lives at [removed].", 1],
    ["DOB: 03/20/1962; repeat in 3 months", "DOB: [removed]; repeat in 3 months", 1],
    ["Date of birth 1962-03-20", "Date of birth [removed]", 1],
    ["SSN 555-44-4444 on file", "SSN [removed] on file", 1],
    ["Reviewed by Dr. Anil Kumar", "Reviewed by [removed]", 1],
  ])("%j", (input, output, removed) => {
    expect(deidentifyText(input)).toEqual({ text: output, removed });
  });

  it("leaves lab wording, values and dates of collection alone", () => {
    const text = "Hemolysed sample; potassium 5.6 mmol/L (3.5 - 5.0) repeated on 01/15/2025 at 08:30. Ref 150000 - 400000 /uL.";
    expect(deidentifyText(text)).toEqual({ text, removed: 0 });
  });
});

describe("deidentify", () => {
  it("cleans notes and text results and counts what it removed, without touching numbers", () => {
    const analyte = (over: object) => ({ name: "x", value: "1", parsed: { valueNumber: 1 }, ...over });
    const { result, removed } = deidentify({
      format: "json",
      analytes: [analyte({ notes: "Called patient at 555-123-4567" }), analyte({ value: "Specimen of Mr. John Smith clotted", parsed: { valueText: "Specimen of Mr. John Smith clotted" } })],
      skipped: [],
      warnings: [],
    });
    expect(removed).toBe(2);
    expect(result.analytes[0].notes).toBe("Called patient at [removed]");
    expect(result.analytes[1].value).toBe("Specimen of [removed] clotted");
    expect(result.analytes[0].parsed.valueNumber).toBe(1);
  });
});
