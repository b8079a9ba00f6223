import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { extractLab } from "./index";
import { readLabRows } from "./lab-rows";
import type { TextLine } from "./layout";

/** One line per result, each line a single text run, as many LIS print-outs are. */
async function linesPdf(lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Courier);
  const page = pdf.addPage([612, 792]);
  page.drawText("Hepatic Function Panel", { x: 56, y: 720, size: 14, font });
  page.drawText("Specimen collected 01/14/2025 07:10   Final report", { x: 56, y: 700, size: 9, font });
  lines.forEach((line, index) => page.drawText(line, { x: 56, y: 670 - index * 16, size: 10, font }));
  return pdf.save();
}

/** Lines as a PDF text layer gives them: one cell per run of text. */
const textLines = (texts: string[][]): TextLine[] =>
  texts.map((cells, index) => ({ page: 1, number: index + 1, cells: cells.map((text, column) => ({ text, x0: column * 200, x1: column * 200 + text.length * 6 })) }));

const shown = (rows: { name: string; value: string; unit?: string; referenceRange?: string; flag?: string }[]) =>
  rows.map(({ name, value, unit, referenceRange, flag }) => ({ name, value, unit, referenceRange, flag }));

describe("lab rows joined by leaders", () => {
  it("reads a PDF report with one result per dotted line, its bracketed range and its HIGH marker", async () => {
    const result = await extractLab({
      bytes: await linesPdf([
        "ALT (SGPT) .............. 88 U/L (7 - 56) HIGH",
        "AST (SGOT) .............. 61 U/L (10 - 40) HIGH",
        "Alkaline Phosphatase .... 95 U/L (44 - 147)",
        "Bilirubin, Total ........ 0.8 mg/dL (0.1 - 1.2)",
        "Platelet Count .......... 182 x10^3/uL [150 - 400]",
      ]),
    });
    expect(result.skipped).toEqual([]);
    expect(shown(result.analytes)).toEqual([
      { name: "ALT (SGPT)", value: "88", unit: "U/L", referenceRange: "7 - 56", flag: "HIGH" },
      { name: "AST (SGOT)", value: "61", unit: "U/L", referenceRange: "10 - 40", flag: "HIGH" },
      { name: "Alkaline Phosphatase", value: "95", unit: "U/L", referenceRange: "44 - 147", flag: undefined },
      { name: "Bilirubin, Total", value: "0.8", unit: "mg/dL", referenceRange: "0.1 - 1.2", flag: undefined },
      { name: "Platelet Count", value: "182", unit: "x10^3/uL", referenceRange: "150 - 400", flag: undefined },
    ]);
    expect(result.analytes[0].parsed).toMatchObject({ valueNumber: 88, range: { low: 7, high: 56 } });
    // The collection date printed without a colon dates every row.
    for (const analyte of result.analytes) expect(analyte.parsed.observedAt).toBe("2025-01-14T07:10:00");
  });

  it("takes underscores, middle dots, spaced dots and dashes as leaders, glued to the name or not", () => {
    const read = readLabRows(
      textLines([
        ["Sodium__________138 mmol/L 135 - 145"],
        ["Potassium ·········· 5.9 mmol/L 3.5 - 5.1 H"],
        ["Creatinine . . . . . . 1.4 mg/dL 0.7 - 1.3 H"],
        ["Urea ---------- 7.1 mmol/L 2.5 - 7.8"],
        ["Vit. D, 25-OH ........ 18 ng/mL 30 - 100 L"],
      ]),
      () => 6,
    );
    expect(shown(read.rows)).toEqual([
      { name: "Sodium", value: "138", unit: "mmol/L", referenceRange: "135 - 145", flag: undefined },
      { name: "Potassium", value: "5.9", unit: "mmol/L", referenceRange: "3.5 - 5.1", flag: "H" },
      { name: "Creatinine", value: "1.4", unit: "mg/dL", referenceRange: "0.7 - 1.3", flag: "H" },
      { name: "Urea", value: "7.1", unit: "mmol/L", referenceRange: "2.5 - 7.8", flag: undefined },
      { name: "Vit. D, 25-OH", value: "18", unit: "ng/mL", referenceRange: "30 - 100", flag: "L" },
    ]);
  });

  it("drops leaders from the test name in a table with headings", () => {
    const read = readLabRows(
      textLines([
        ["Test", "Result", "Unit", "Reference Range"],
        ["Albumin ..........", "4.2", "g/dL", "3.5 - 5.0"],
      ]),
      () => 6,
    );
    expect(shown(read.rows)).toEqual([{ name: "Albumin", value: "4.2", unit: "g/dL", referenceRange: "3.5 - 5.0", flag: undefined }]);
  });

  it("does not read a line whose range bracket never closes", () => {
    expect(readLabRows(textLines([["Albumin .... 4.2 (3.5 - 5.0"]]), () => 6).rows).toEqual([]);
  });
});
