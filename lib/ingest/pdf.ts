/**
 * PDF lab reports. Pages with a text layer are read from it with unpdf (PDF.js); pages without one (scans)
 * are rendered to an image and read by OCR — unless a low-resolution render shows no ink, so a blank page
 * costs milliseconds, not an OCR pass. Text items are regrouped into lines and cells because PDF.js
 * returns them in drawing order, not reading order. Pages past `maxPages`, and scans past `maxOcrPages`,
 * are not read and are listed in `skipped`. A page whose content streams inflate past the limits fails the
 * file before PDF.js parses it (pdf-stream-budget.ts).
 */
import { createIsomorphicCanvasFactory, getDocumentProxy, renderPageAsImage } from "unpdf";
import { ExtractionError } from "./errors";
import { analyteFromRow, readLabRows } from "./lab-rows";
import { type TextLine, type Word, lineText, toCells } from "./layout";
import { DEFAULT_LIMITS, type ExtractionLimits, pageSpan } from "./limits";
import { type OcrPage, readOcrPages, recognisePages } from "./ocr";
import { applyPatient, cluesFromText } from "./patient";
import { contentStreamBudget } from "./pdf-stream-budget";
import type { ExtractionResult } from "./types";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/** A page with fewer visible characters than this is treated as a scan. */
const MIN_TEXT_CHARACTERS = 20;
/** Render scans about 2000 px wide — roughly 240 dpi for a letter page, plenty for tesseract. */
const OCR_TARGET_WIDTH = 2000;
/**
 * The blank-page check renders a page this wide (about 30 dpi) and counts pixels darker than INK_LEVEL;
 * fewer than MIN_INK_PIXELS is paper. One short printed line leaves a few hundred such pixels.
 */
const INK_CHECK_WIDTH = 256;
const INK_LEVEL = 200;
const MIN_INK_PIXELS = 24;

interface PositionedItem extends Word {
  y: number;
  size: number;
}

type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;

async function pageItems(page: PdfPage): Promise<PositionedItem[]> {
  const content = await page.getTextContent();
  return content.items.flatMap((item) => {
    if (!("str" in item) || item.str.trim() === "") return [];
    const [a, b, c, d, x, y] = item.transform as number[];
    const size = Math.max(Math.hypot(c, d), Math.hypot(a, b), 1);
    return [{ text: item.str, x0: x, x1: x + item.width, y, size }];
  });
}

/** Items whose baselines are within half a font size share a line; lines run top to bottom. */
function toLines(pageNumber: number, items: PositionedItem[]): TextLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const groups: PositionedItem[][] = [];
  for (const item of sorted) {
    const current = groups.at(-1);
    if (current && Math.abs(current[0].y - item.y) <= Math.min(current[0].size, item.size) * 0.5) current.push(item);
    else groups.push([item]);
  }
  return groups.map((group, index) => ({ page: pageNumber, number: index + 1, cells: toCells(group, Math.max(...group.map((item) => item.size))) }));
}

async function renderForOcr(document: PdfDocument, pageNumber: number): Promise<Uint8Array> {
  const page = await document.getPage(pageNumber);
  const scale = Math.min(Math.max(OCR_TARGET_WIDTH / page.getViewport({ scale: 1 }).width, 1), 4);
  const image = await renderPageAsImage(document, pageNumber, { canvasImport: () => import("@napi-rs/canvas"), scale });
  return new Uint8Array(image);
}

const canvasModule = () => import("@napi-rs/canvas");

/** True when a low-resolution render of the page has any ink on it; transparent pixels count as paper. */
async function hasInk(document: PdfDocument, pageNumber: number): Promise<boolean> {
  // Resolves @napi-rs/canvas and gives PDF.js its constructors (images, paths), as renderPageAsImage does.
  await createIsomorphicCanvasFactory(canvasModule);
  const { createCanvas } = await canvasModule();
  const page = await document.getPage(pageNumber);
  const viewport = page.getViewport({ scale: INK_CHECK_WIDTH / page.getViewport({ scale: 1 }).width });
  const canvas = createCanvas(Math.max(1, Math.ceil(viewport.width)), Math.max(1, Math.ceil(viewport.height)));
  const context = canvas.getContext("2d");
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    const luminance = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
    const onPaper = 255 - (data[i + 3] / 255) * (255 - luminance);
    if (onPaper < INK_LEVEL && ++ink >= MIN_INK_PIXELS) return true;
  }
  return false;
}

async function open(bytes: Uint8Array): Promise<PdfDocument> {
  try {
    return await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    const reason = name === "PasswordException" ? "it is password-protected" : "it may be damaged or not a PDF";
    throw new ExtractionError(`this PDF could not be opened: ${reason}`, { cause: error });
  }
}

type PdfLimits = Pick<ExtractionLimits, "maxPages" | "maxOcrPages" | "maxPageContentBytes" | "maxContentBytes">;

export async function extractPdf(bytes: Uint8Array, limits: PdfLimits = DEFAULT_LIMITS): Promise<ExtractionResult> {
  const checkPageContent = contentStreamBudget(bytes, limits);
  const document = await open(bytes);
  try {
    const result: ExtractionResult = { format: "pdf", analytes: [], skipped: [], warnings: [], pages: document.numPages };
    const textLines: TextLine[] = [];
    const scans: { page: number; image: Uint8Array }[] = [];
    const blank: number[] = [];
    const notScanned: number[] = [];
    const lastPage = Math.min(document.numPages, limits.maxPages);
    for (let pageNumber = 1; pageNumber <= lastPage; pageNumber += 1) {
      const page = await document.getPage(pageNumber);
      // Before PDF.js parses the page's content: a content stream bomb fails here, in milliseconds.
      if (page.ref) await checkPageContent(pageNumber, page.ref.num);
      const items = await pageItems(page);
      if (items.reduce((count, item) => count + item.text.trim().length, 0) >= MIN_TEXT_CHARACTERS) {
        textLines.push(...toLines(pageNumber, items));
        continue;
      }
      try {
        if (!(await hasInk(document, pageNumber))) blank.push(pageNumber);
        else if (scans.length >= limits.maxOcrPages) notScanned.push(pageNumber);
        else scans.push({ page: pageNumber, image: await renderForOcr(document, pageNumber) });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        result.skipped.push({ reason: `page ${pageNumber} has no text layer and could not be rendered for OCR (${detail})`, where: `page ${pageNumber}` });
      }
    }
    if (blank.length === lastPage) {
      throw new ExtractionError(
        document.numPages > lastPage
          ? `the first ${lastPage} pages of this PDF are blank, and Labwise reads at most ${limits.maxPages} pages of a PDF — upload the pages with results as a separate file`
          : `every page of this PDF is blank`,
      );
    }
    if (blank.length) result.warnings.push(`${blank.length === 1 ? "page" : "pages"} ${blank.join(", ")} ${blank.length === 1 ? "is" : "are"} blank`);
    if (notScanned.length) {
      result.skipped.push({
        reason: `not read: ${notScanned.length === 1 ? "it has" : "they have"} no text layer and Labwise reads at most ${limits.maxOcrPages} scanned pages per file by OCR — upload ${notScanned.length === 1 ? "it" : "them"} as a separate file`,
        where: notScanned.length === 1 ? `page ${notScanned[0]}` : `pages ${notScanned.join(", ")}`,
      });
    }
    if (document.numPages > lastPage) {
      const where = pageSpan(lastPage + 1, document.numPages);
      result.skipped.push({ reason: `not read: Labwise reads the first ${limits.maxPages} pages of a PDF — upload the rest as a separate file`, where });
    }

    const read = readLabRows(textLines, (line) => Math.max(...line.cells.map((cell) => (cell.x1 - cell.x0) / Math.max(cell.text.length, 1)), 4));
    result.analytes.push(...read.rows.map((row) => analyteFromRow(row, read.reportDate)));
    result.skipped.push(...read.skipped);

    const patientLines = textLines.map(lineText);
    if (scans.length > 0) {
      const pages: OcrPage[] = await recognisePages(scans);
      const ocr = readOcrPages(pages);
      result.analytes.push(...ocr.analytes);
      result.skipped.push(...ocr.skipped);
      result.warnings.push(...ocr.warnings);
      result.ocr = ocr.ocr;
      patientLines.push(...pages.flatMap((page) => page.lines.map(lineText)));
    }
    // Age/sex lines of the text layer and of scanned pages; age at the collection (else report) date.
    applyPatient(result, cluesFromText(patientLines));
    return result;
  } finally {
    await document.destroy();
  }
}
