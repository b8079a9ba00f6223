import { describe, expect, it } from "vitest";
import { SCAN_ROWS, scannedPdf, scannedTablePng } from "../../tests/fixtures/lab-documents";
import { extractLab, type ExtractionResult } from "./index";

/** Most rows recovered with exact values, and nothing that was not printed. */
function expectFaithful(result: ExtractionResult) {
  const printed = new Map(SCAN_ROWS.map((row) => [row.name, row]));
  const exact = result.analytes.filter((analyte) => {
    const row = printed.get(analyte.name);
    return row !== undefined && analyte.parsed.valueNumber === Number(row.value) && analyte.referenceRange?.replace(/\s/g, "") === row.range.replace(/\s/g, "");
  });
  expect(exact.length).toBeGreaterThanOrEqual(Math.ceil(SCAN_ROWS.length * 0.8));
  for (const analyte of result.analytes) {
    expect(printed.has(analyte.name), `OCR invented "${analyte.name}"`).toBe(true);
    expect(analyte.parsed.valueNumber).toBe(Number(printed.get(analyte.name)?.value));
  }
  expect(result.ocr?.meanConfidence).toBeGreaterThan(60);
  expect(result.warnings[0]).toMatch(/read by OCR/);
}

describe("OCR", () => {
  it("reads a photographed table from a PNG", async () => {
    const result = await extractLab({ bytes: scannedTablePng(), filename: "report.pdf", contentType: "application/pdf" });
    expect(result.format).toBe("image");
    expect(result.ocr?.pages).toEqual([1]);
    expectFaithful(result);
  });

  it("reads a PDF page that has no text layer by rendering it", async () => {
    const result = await extractLab({ bytes: await scannedPdf(scannedTablePng()) });
    expect(result.format).toBe("pdf");
    expect(result.pages).toBe(1);
    expect(result.ocr?.pages).toEqual([1]);
    expectFaithful(result);
    // The scribbled row under the table is never turned into a result (expectFaithful). Whether OCR sees
    // characters in it at all depends on the rendering; when it does, the row is listed as unreadable.
    for (const entry of result.skipped) expect(entry.reason).toMatch(/could not read a result/);
    expect(result.analytes.find((analyte) => analyte.name === "Hemoglobin")).toMatchObject({ value: "8.9", flag: "L", parsed: { range: { low: 13, high: 17 } } });
    // "/uL" printed small is read by OCR as "JuL"; the count keeps its unit (with a warning to check it).
    expect(result.analytes.find((analyte) => analyte.name === "WBC Count")).toMatchObject({ value: "12500", unit: "/uL", parsed: { valueNumber: 12500, unit: "/uL" } });
    expect(result.analytes.find((analyte) => analyte.name === "Platelet Count")).toMatchObject({ value: "135000", unit: "/uL" });
  });
});
