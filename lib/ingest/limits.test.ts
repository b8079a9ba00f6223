import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { scannedPdf, scannedTablePng } from "../../tests/fixtures/lab-documents";
import { DEFAULT_LIMITS, ExtractionError, extractLab } from "./index";

const csv = (rows: number) => `Test,Result,Unit\n${Array.from({ length: rows }, (_, i) => `Glucose,${90 + (i % 10)},mg/dL`).join("\n")}\n`;
const hl7 = (observations: number) =>
  ["MSH|^~\\&|LAB||LW||20240101||ORU^R01|1|P|2.5.1", "OBR|1|A|B|2345-7^Glucose^LN", ...Array.from({ length: observations }, (_, i) => `OBX|${i + 1}|NM|2345-7^Glucose^LN||9${i % 10}|mg/dL|70-99|N|||F`)].join("\r");
const bytes = (text: string) => new TextEncoder().encode(text);

/** `pages` pages, each with one result row in the text layer when `text`, else blank. */
async function pdfOf(pages: number, text: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    const page = pdf.addPage([612, 792]);
    if (!text) continue;
    const columns = [56, 230, 300, 400];
    ["Test", "Result", "Units", "Reference Range"].forEach((cell, column) => page.drawText(cell, { x: columns[column], y: 700, size: 10, font }));
    ["Glucose", String(90 + n), "mg/dL", "70 - 99"].forEach((cell, column) => page.drawText(cell, { x: columns[column], y: 682, size: 10, font }));
  }
  return pdf.save();
}

describe("results per lab", () => {
  it("fails a CSV with more rows than the limit, saying how many it holds and what to do", async () => {
    await expect(extractLab({ bytes: bytes(csv(12)) }, { ...DEFAULT_LIMITS, maxAnalytes: 10 })).rejects.toThrow(
      new ExtractionError("this file holds 12 results; Labwise reads at most 10 per lab — split the file into files of at most 10 results and upload each"),
    );
  });

  it("reads a CSV exactly at the limit", async () => {
    const result = await extractLab({ bytes: bytes(csv(10)) }, { ...DEFAULT_LIMITS, maxAnalytes: 10 });
    expect(result.analytes).toHaveLength(10);
  });

  it("counts an HL7 message's OBX segments before parsing it", async () => {
    await expect(extractLab({ bytes: bytes(hl7(6_000)) })).rejects.toThrow(/^this file holds 6,000 results; Labwise reads at most 5,000 per lab/);
    expect((await extractLab({ bytes: bytes(hl7(5)) }, { ...DEFAULT_LIMITS, maxAnalytes: 5 })).analytes).toHaveLength(5);
  });

  it("fails a JSON array with too many items", async () => {
    const items = JSON.stringify(Array.from({ length: 4 }, () => ({ name: "Glucose", value: "90", unit: "mg/dL" })));
    await expect(extractLab({ bytes: bytes(items) }, { ...DEFAULT_LIMITS, maxAnalytes: 3 })).rejects.toThrow(/^this file holds 4 results/);
  });
});

describe("pages per PDF", () => {
  it("reads the first pages and lists the rest as not read", async () => {
    const result = await extractLab({ bytes: await pdfOf(5, true) }, { ...DEFAULT_LIMITS, maxPages: 3 });
    expect(result.pages).toBe(5);
    expect(result.analytes.map((a) => a.value)).toEqual(["91", "92", "93"]);
    expect(result.skipped).toEqual([{ where: "pages 4–5", reason: "not read: Labwise reads the first 3 pages of a PDF — upload the rest as a separate file" }]);
  });

  it("fails a 40-page blank PDF in seconds, without OCR, saying its pages are blank", async () => {
    const started = performance.now();
    await expect(extractLab({ bytes: await pdfOf(40, false) })).rejects.toThrow(
      new ExtractionError("the first 20 pages of this PDF are blank, and Labwise reads at most 20 pages of a PDF — upload the pages with results as a separate file"),
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    await expect(extractLab({ bytes: await pdfOf(3, false) })).rejects.toThrow(new ExtractionError("every page of this PDF is blank"));
  });

  it("notes blank pages between pages with results", async () => {
    const pdf = await PDFDocument.load(await pdfOf(2, true));
    pdf.insertPage(1, [612, 792]);
    const result = await extractLab({ bytes: await pdf.save() });
    expect(result.analytes.map((a) => a.value)).toEqual(["91", "92"]);
    expect(result.ocr).toBeUndefined();
    expect(result.warnings).toContain("page 2 is blank");
  });

  it("does not take a scanned page for a blank one, and lists scans past the OCR limit as not read", async () => {
    const scan = await PDFDocument.load(await scannedPdf(scannedTablePng()));
    const pdf = await PDFDocument.create();
    for (let n = 0; n < 2; n++) {
      const [page] = await pdf.copyPages(scan, [0]);
      pdf.addPage(page);
    }
    const result = await extractLab({ bytes: await pdf.save() }, { ...DEFAULT_LIMITS, maxOcrPages: 0 });
    expect(result.warnings.join(" ")).not.toMatch(/blank/);
    expect(result.skipped).toEqual([
      { where: "pages 1, 2", reason: "not read: they have no text layer and Labwise reads at most 0 scanned pages per file by OCR — upload them as a separate file" },
    ]);
  });
});
