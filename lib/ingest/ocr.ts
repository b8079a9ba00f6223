/**
 * OCR with tesseract.js for photographed or scanned reports. The English model is loaded from the
 * @tesseract.js-data/eng package on disk — never from the network — and nothing is cached on disk.
 */
import englishData from "@tesseract.js-data/eng";
import path from "node:path";
import { createWorker, PSM, type Line } from "tesseract.js";
import { ExtractionError } from "./errors";
import { analyteFromRow, readLabRows } from "./lab-rows";
import { type TextLine, lineText, toCells } from "./layout";
import { checkOcrRows } from "./ocr-checks";
import { applyPatient, cluesFromText } from "./patient";
import type { ExtractionResult } from "./types";

/** LSTM-only OCR uses the "best_int" model (tesseract.js picks the same folder from its CDN by default). */
function languageFolder(): string {
  // The package reports its own folder; asking it (rather than resolving a path) survives bundling.
  return path.join(path.dirname(englishData.langPath), "4.0.0_best_int");
}

export interface OcrPage {
  page: number;
  lines: TextLine[];
  confidence: number;
}

function toTextLines(page: number, lines: Line[]): TextLine[] {
  return lines.map((line, index) => {
    const height = Math.max(line.bbox.y1 - line.bbox.y0, 1);
    const words = line.words.map((word) => ({ text: word.text, x0: word.bbox.x0, x1: word.bbox.x1, confidence: word.confidence }));
    // A column gap is wider than about one character height; the space between words is far less.
    return { page, number: index + 1, cells: toCells(words, height * 0.9) };
  });
}

/**
 * Reads each image as one block of text lines (PSM 6), which keeps a table row on one line instead of
 * splitting its columns into separate blocks as automatic page segmentation does.
 */
export async function recognisePages(images: { page: number; image: Uint8Array }[]): Promise<OcrPage[]> {
  const worker = await createWorker("eng", 1, { langPath: languageFolder(), cacheMethod: "none", gzip: true });
  try {
    await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK, preserve_interword_spaces: "1" });
    const pages: OcrPage[] = [];
    for (const { page, image } of images) {
      const { data } = await worker.recognize(Buffer.from(image), {}, { blocks: true, text: false });
      const lines = (data.blocks ?? []).flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines));
      pages.push({ page, lines: toTextLines(page, lines), confidence: data.confidence });
    }
    return pages;
  } finally {
    await worker.terminate();
  }
}

/** Rows from OCR'd pages, checked for plausibility; shared by images and scanned PDF pages. */
export function readOcrPages(pages: OcrPage[]): Pick<ExtractionResult, "analytes" | "skipped" | "warnings" | "ocr"> {
  const lines = pages.flatMap((page) => page.lines);
  const read = readLabRows(lines, (line) => Math.max(...line.cells.map((cell) => (cell.x1 - cell.x0) / Math.max(cell.text.length, 1)), 8) * 2);
  const checked = checkOcrRows(read.rows);
  const meanConfidence = pages.reduce((sum, page) => sum + page.confidence, 0) / Math.max(pages.length, 1);
  return {
    analytes: checked.rows.map((row) => analyteFromRow(row, read.reportDate)),
    skipped: [...read.skipped, ...checked.skipped],
    warnings: [`read by OCR: check values against the original (mean confidence ${Math.round(meanConfidence)}%)`, ...checked.warnings],
    ocr: { pages: pages.map((page) => page.page), meanConfidence },
  };
}

export async function extractImage(bytes: Uint8Array): Promise<ExtractionResult> {
  let pages: OcrPage[];
  try {
    pages = await recognisePages([{ page: 1, image: bytes }]);
  } catch (error) {
    throw new ExtractionError("this image could not be read: it may be damaged or in a format OCR cannot open", { cause: error });
  }
  if (pages.every((page) => page.lines.length === 0)) throw new ExtractionError("no text could be read from this image");
  const result: ExtractionResult = { format: "image", pages: 1, ...readOcrPages(pages) };
  applyPatient(result, cluesFromText(pages.flatMap((page) => page.lines.map(lineText))));
  return result;
}
