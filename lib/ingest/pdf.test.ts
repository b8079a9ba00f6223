import { describe, expect, it } from "vitest";
import { flateBombPdf, proseOnlyPdf, REPORT_PAGES, textReportPdf } from "../../tests/fixtures/lab-documents";
import { sample } from "../../tests/fixtures/samples";
import { DEFAULT_LIMITS, ExtractionError, extractLab } from "./index";
import { contentTooLarge, pageContentTooLarge } from "./limits";

describe("PDF text layer", () => {
  it("reads every row of sample_lab_report.pdf across its two pages", async () => {
    const result = await extractLab({ bytes: sample("sample_lab_report.pdf") });
    expect(result.format).toBe("pdf");
    expect(result.pages).toBe(2);
    expect(result.analytes).toHaveLength(34);
    expect(result.skipped).toEqual([]);
    expect(result.ocr).toBeUndefined();

    const byName = new Map(result.analytes.map((analyte) => [analyte.name, analyte]));
    expect(byName.get("Hemoglobin")).toMatchObject({
      value: "8.9",
      unit: "g/dL",
      referenceRange: "13.0 - 17.0",
      flag: "LOW",
      date: "March 10, 2026",
      parsed: { valueNumber: 8.9, unit: "g/dL", range: { low: 13, high: 17 }, observedAt: "2026-03-10" },
    });
    expect(byName.get("Total Cholesterol")).toMatchObject({ value: "265", referenceRange: "<200", flag: "HIGH", parsed: { range: { high: 200, highInclusive: false } } });
    expect(byName.get("HDL Cholesterol")).toMatchObject({ value: "35", referenceRange: ">40", flag: "LOW", parsed: { range: { low: 40, lowInclusive: false } } });
    expect(byName.get("eGFR")).toMatchObject({ value: "52", unit: "mL/min", referenceRange: ">60" });
    expect(byName.get("Glucose (Fasting)")).toMatchObject({ value: "185", unit: "mg/dL" });
    expect(byName.get("Albumin")).toMatchObject({ value: "3.2", referenceRange: "3.5 - 5.5", flag: "LOW" }); // first row of page 2
    expect(byName.get("Iron")).toMatchObject({ value: "35", unit: "ug/dL" });
    // Patient, doctor and pathologist lines are not results.
    expect([...byName.keys()].join(" ")).not.toMatch(/Patient|Rahul|Pathologist|Referred/);
  });

  it("reads every row on every page of a generated three-page report", async () => {
    const result = await extractLab({ bytes: await textReportPdf() });
    const expected = REPORT_PAGES.flatMap((page) => page.rows);
    expect(result.pages).toBe(3);
    expect(result.analytes.map((analyte) => analyte.name)).toEqual(expected.map((row) => row.name));
    result.analytes.forEach((analyte, index) => {
      const row = expected[index];
      expect(analyte.value).toBe(row.value);
      expect(analyte.unit).toBe(row.unit || undefined);
      expect(analyte.referenceRange).toBe(row.range);
      expect(analyte.flag).toBe(row.flag || undefined);
      expect(analyte.date).toBe("01/15/2025 08:30");
      expect(analyte.parsed.observedAt).toBe("2025-01-15T08:30:00");
    });
    expect(result.analytes.find((analyte) => analyte.name === "Urine Protein")?.parsed).toMatchObject({ valueText: "Negative" });
    expect(result.analytes.find((analyte) => analyte.name === "eGFR")?.parsed.unit).toBe("mL/min/1.73m2");
  });

  it("throws when a PDF has text but no lab rows", async () => {
    await expect(extractLab({ bytes: await proseOnlyPdf() })).rejects.toThrow(new ExtractionError("no lab values found in this PDF"));
  });

  it("throws a readable error for a damaged PDF", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage");
    await expect(extractLab({ bytes })).rejects.toThrow(/this PDF could not be opened/);
  });

  it("refuses a page whose content inflates to 40 MB of drawing operators before PDF.js parses it", async () => {
    const bomb = flateBombPdf(40 * 1024 * 1024, "0 0 m 1 1 l S\n");
    await expect(extractLab({ bytes: bomb })).rejects.toThrow(pageContentTooLarge(1, DEFAULT_LIMITS.maxPageContentBytes));
  });

  it("refuses a report whose pages together inflate past the document limit, and reads it under a larger one", async () => {
    const bytes = await textReportPdf();
    await expect(extractLab({ bytes }, { ...DEFAULT_LIMITS, maxContentBytes: 14_000 })).rejects.toThrow(contentTooLarge(14_000));
    expect((await extractLab({ bytes }, { ...DEFAULT_LIMITS, maxContentBytes: 40_000 })).analytes).toHaveLength(19);
  });
});
