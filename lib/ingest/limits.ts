/**
 * How much of one file Labwise reads. A lab report holds tens of results on a few pages; a file far past
 * that is an export or a bundle of documents, and reading all of it would hold a worker (and the database)
 * for minutes. Too many results fail the file at once, saying how to split it; pages past the limit are
 * not read and are listed in `skipped`, because a report's results come first and the rest is usually
 * attachments.
 */
import { ExtractionError } from "./errors";

export interface ExtractionLimits {
  /** Results (analytes) in one file; more fails the file. */
  maxAnalytes: number;
  /** PDF pages read; later pages are listed in `skipped`. */
  maxPages: number;
  /** Pages without a text layer read by OCR; blank pages do not count. */
  maxOcrPages: number;
  /** Inflated bytes of one PDF page's content streams; more fails the file before the page is parsed. */
  maxPageContentBytes: number;
  /** Inflated bytes of the content streams of the pages read, and of object streams, in one PDF. */
  maxContentBytes: number;
}

const MB = 1024 * 1024;

/**
 * The defaults of LAB_MAX_ANALYTES, SCAN_MAX_PAGES, OCR_MAX_PAGES, PDF_MAX_PAGE_CONTENT_BYTES and
 * PDF_MAX_CONTENT_BYTES (lib/config). A printed lab page's content streams are tens of kilobytes and a dense
 * one a few hundred, so 8 MB a page and 64 MB a file are far above any report, yet low enough that PDF.js
 * never holds a worker for long or builds gigabytes of drawing operators from a few kilobytes on the wire.
 */
export const DEFAULT_LIMITS: ExtractionLimits = { maxAnalytes: 5000, maxPages: 20, maxOcrPages: 10, maxPageContentBytes: 8 * MB, maxContentBytes: 64 * MB };

const count = (n: number) => n.toLocaleString("en-US");

/** The reason a file with too many results fails: what it holds, the limit, and what to do. */
export function tooManyResults(found: number, max: number): ExtractionError {
  return new ExtractionError(
    `this file holds ${count(found)} results; Labwise reads at most ${count(max)} per lab — split the file into files of at most ${count(max)} results and upload each`,
  );
}

const megabytes = (bytes: number) => `${Number((bytes / MB).toFixed(1)).toLocaleString("en-US")} MB`;

/** The reason a PDF page whose content inflates past the limit fails the file; the size past it is never measured. */
export function pageContentTooLarge(page: number, max: number): ExtractionError {
  return new ExtractionError(
    `page ${page} of this PDF holds more than ${megabytes(max)} of drawing instructions; Labwise reads at most ${megabytes(max)} per page, far more than a lab report needs — print or export the report to PDF again, or upload a photo of it`,
  );
}

/** The reason a PDF whose pages together inflate past the limit fails. */
export function contentTooLarge(max: number): ExtractionError {
  return new ExtractionError(
    `this PDF holds more than ${megabytes(max)} of drawing instructions; Labwise reads at most ${megabytes(max)} per PDF, far more than a lab report needs — split it into smaller files, or print or export the report to PDF again`,
  );
}

/** Throws when `found` results exceed the limit. */
export function checkResultCount(found: number, limits: Pick<ExtractionLimits, "maxAnalytes">): void {
  if (found > limits.maxAnalytes) throw tooManyResults(found, limits.maxAnalytes);
}

/** "page 21" or "pages 21–40". */
export function pageSpan(first: number, last: number): string {
  return first === last ? `page ${first}` : `pages ${first}–${last}`;
}
