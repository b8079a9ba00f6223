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
}

/** The defaults of LAB_MAX_ANALYTES, SCAN_MAX_PAGES and OCR_MAX_PAGES (lib/config). */
export const DEFAULT_LIMITS: ExtractionLimits = { maxAnalytes: 5000, maxPages: 20, maxOcrPages: 10 };

const count = (n: number) => n.toLocaleString("en-US");

/** The reason a file with too many results fails: what it holds, the limit, and what to do. */
export function tooManyResults(found: number, max: number): ExtractionError {
  return new ExtractionError(
    `this file holds ${count(found)} results; Labwise reads at most ${count(max)} per lab — split the file into files of at most ${count(max)} results and upload each`,
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
