/**
 * Writes the corpus files Labwise's engineers made themselves (eval/files/generated): the PDFs in several
 * layouts (US units, SI units, a scan with no text layer), the CSV exports and HL7/FHIR messages that stand
 * for the kinds of file issue 13 found, and the Lab Results Agent requests. Every value in them is written
 * here or in eval/generated-files.ts, so their expectations can be checked line by line. `npx tsx eval/make-files.ts` rewrites them with
 * the same bytes (fixed dates, no randomness).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { scannedPdf, scannedTablePng, textReportPdf } from "../tests/fixtures/lab-documents";
import { AGENT, CSVS, FHIR, HL7 } from "./generated-files";

const OUT = path.join(import.meta.dirname, "files", "generated");
const FIXED_DATE = new Date("2025-01-15T08:30:00Z");

async function fixedPdf(pdf: PDFDocument): Promise<Uint8Array> {
  pdf.setCreationDate(FIXED_DATE);
  pdf.setModificationDate(FIXED_DATE);
  pdf.setProducer("labwise eval/make-files.ts");
  pdf.setCreator("labwise eval/make-files.ts");
  return pdf.save({ useObjectStreams: false });
}

/** SI units in a European layout: "Analyte  value unit  [low - high]" and a trailing H/L. */
async function siReportPdf(): Promise<Uint8Array> {
  const rows: [string, string, string, string, string][] = [
    ["Haemoglobin", "98", "g/L", "130 - 170", "L"],
    ["Leucocytes", "11.8", "x10^9/L", "4.0 - 10.0", "H"],
    ["Neutrophils", "9.1", "x10^9/L", "2.0 - 7.5", "H"],
    ["Neutrophils %", "77", "%", "40 - 75", "H"],
    ["Platelets", "210", "x10^9/L", "150 - 400", ""],
    ["Sodium", "138", "mmol/L", "135 - 145", ""],
    ["Potassium", "4.6", "mmol/L", "3.5 - 5.1", ""],
    ["Creatinine", "145", "umol/L", "60 - 110", "H"],
    ["Urea", "9.8", "mmol/L", "2.5 - 7.8", "H"],
    ["Glucose (fasting)", "6.4", "mmol/L", "3.9 - 5.5", "H"],
    ["HbA1c (IFCC)", "53", "mmol/mol", "20 - 41", "H"],
    ["Total cholesterol", "6.2", "mmol/L", "< 5.0", "H"],
  ];
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([595, 842]);
  const text = (value: string, x: number, y: number, size = 10, face = font) => page.drawText(value, { x, y, size, font: face });
  text("Laboratoire Central - Clinical Biochemistry & Haematology", 56, 790, 13, bold);
  text("Patient: EVAL, Sample    Sex: M    Born: 12.03.1958    Sampled: 14.01.2025 07:45", 56, 766, 9);
  ["Analysis", "Result", "Unit", "Reference interval", ""].forEach((h, i) => text(h, [56, 250, 320, 420, 530][i], 730, 10, bold));
  rows.forEach((r, index) => r.forEach((cell, i) => cell && text(cell, [56, 250, 320, 420, 530][i], 710 - index * 17)));
  text("Validated by: Clinical biochemist on duty", 56, 60, 8);
  return fixedPdf(pdf);
}

/** One result per line, "Name ..... value unit (range)": the layout of many printed patient copies. */
async function dottedReportPdf(): Promise<Uint8Array> {
  const lines = [
    "ALT (SGPT) .............. 88 U/L (7 - 56) HIGH",
    "AST (SGOT) .............. 61 U/L (10 - 40) HIGH",
    "Alkaline Phosphatase .... 95 U/L (44 - 147)",
    "Bilirubin, Total ........ 0.8 mg/dL (0.1 - 1.2)",
    "Albumin ................. 4.2 g/dL (3.5 - 5.0)",
    "Platelet Count .......... 182 x10^3/uL (150 - 400)",
  ];
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Courier);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([612, 792]);
  page.drawText("Hepatic Function Panel", { x: 56, y: 720, size: 14, font: bold });
  page.drawText("Specimen collected 01/14/2025 07:10   Final report", { x: 56, y: 700, size: 9, font });
  lines.forEach((line, index) => page.drawText(line, { x: 56, y: 670 - index * 16, size: 10, font }));
  return fixedPdf(pdf);
}


await mkdir(OUT, { recursive: true });
await writeFile(path.join(OUT, "report-us-3-pages.pdf"), await fixedPdf(await PDFDocument.load(await textReportPdf())));
await writeFile(path.join(OUT, "report-scan.pdf"), await fixedPdf(await PDFDocument.load(await scannedPdf(scannedTablePng()))));
await writeFile(path.join(OUT, "report-si-units.pdf"), await siReportPdf());
await writeFile(path.join(OUT, "report-dotted-lines.pdf"), await dottedReportPdf());
for (const [name, text] of [...Object.entries(CSVS), ...Object.entries(HL7)]) await writeFile(path.join(OUT, name), text);
for (const [name, json] of [...Object.entries(FHIR), ...Object.entries(AGENT)]) await writeFile(path.join(OUT, name), JSON.stringify(json, null, 2) + "\n");
console.log(`wrote eval/files/generated (${4 + Object.keys(CSVS).length + Object.keys(HL7).length + Object.keys(FHIR).length + Object.keys(AGENT).length} files)`);
