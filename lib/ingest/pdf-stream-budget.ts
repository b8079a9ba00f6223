/**
 * A cap on how much page content a PDF inflates to, checked before PDF.js parses a page. A few kilobytes of
 * FlateDecode can inflate to gigabytes of drawing operators; PDF.js would parse them all into an operator
 * list (or text content), holding a worker until the extraction deadline and growing its memory by
 * gigabytes. PDF.js does not expose a page's content streams, so they are found in the file's own bytes:
 * the page's object (in the file or in an object stream), its /Contents, and the streams those name. Each is
 * inflated by zlib only as far as the budget left, so the check itself costs at most the cap.
 *
 * Found conservatively: every definition of an object counts (an incremental update, or an object defined
 * both in the file and in an object stream, cannot hide one behind another), the largest wins, and a
 * stream is inflated from its start to the end of its deflate data — past any /Length or `endstream` the
 * data might fake — keeping what inflated before any corruption, as PDF.js does. Streams under filters other
 * than FlateDecode alone are not measured (PDF.js reads them; the extraction deadline still bounds them),
 * nor are form XObjects and Type 3 glyphs a page draws.
 */
import zlib from "node:zlib";
import { contentTooLarge, type ExtractionLimits, pageContentTooLarge } from "./limits";

type ContentLimits = Pick<ExtractionLimits, "maxPageContentBytes" | "maxContentBytes">;

/** An object's text up to its stream data (the dictionary) or up to `endobj`; `dataStart` for a stream. */
interface PdfObject {
  text: string;
  dataStart?: number;
}

type ObjectIndex = Map<number, PdfObject[]>;

/** An object's header (its number), the `stream` keyword and its end of line, or `endobj`. */
const KEYWORDS = /(\d+)\s+\d+\s+obj\b|\bstream(\r\n|\r|\n|)|\bendobj\b/g;
const REFERENCE = /(\d+)\s+\d+\s+R\b/g;
const CONTENTS = /\/Contents\s*(\d+\s+\d+\s+R\b|\[[^\]]*\])/g;
const FILTER = /\/Filter\s*(\/\w+|\[[^\]]*\])/;
const FLATE_FILTERS = new Set(["/FlateDecode", "/Fl"]);

const references = (text: string) => [...text.matchAll(REFERENCE)].map((match) => Number(match[1]));

/** How a stream's data is encoded: measured inflated, measured as is, or not measured. */
function encoding(dictionary: string): "flate" | "plain" | "other" {
  const filter = FILTER.exec(dictionary)?.[1];
  if (!filter) return "plain";
  const names = filter.match(/\/\w+/g) ?? [];
  return names.length === 1 && FLATE_FILTERS.has(names[0]) ? "flate" : "other";
}

/**
 * Inflated size of the zlib data at the start of `data`, counting no further than `limit + 1`. Trailing bytes
 * after the deflate data are ignored by zlib; truncated or corrupt data counts what inflated before it.
 */
function inflatedSize(data: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    let size = 0;
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflate.destroy();
        resolve(size);
      }
    });
    inflate.on("error", () => resolve(size));
    inflate.on("end", () => resolve(size));
    inflate.end(data);
  });
}

/** The whole inflated data of an object stream, or undefined when it inflates past `limit`. */
function inflateWhole(data: Uint8Array, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    const chunks: Buffer[] = [];
    let size = 0;
    inflate.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) {
        inflate.destroy();
        resolve(undefined);
      }
    });
    inflate.on("error", () => resolve(Buffer.concat(chunks)));
    inflate.on("end", () => resolve(Buffer.concat(chunks)));
    inflate.end(data);
  });
}

function addObject(index: ObjectIndex, number: number, object: PdfObject): void {
  const definitions = index.get(number);
  if (definitions) definitions.push(object);
  else index.set(number, [object]);
}

/**
 * Every `N G obj` in the file, with where its stream data (if any) starts: one pass over the keywords, so a
 * file of many objects or one missing its `endobj`s costs a single scan.
 */
function indexFile(source: string): ObjectIndex {
  const index: ObjectIndex = new Map();
  let open: { number: number; start: number } | undefined;
  for (const keyword of source.matchAll(KEYWORDS)) {
    if (open) {
      const text = source.slice(open.start, keyword.index);
      addObject(index, open.number, keyword[2] === undefined ? { text } : { text, dataStart: keyword.index + keyword[0].length });
      open = undefined;
    }
    if (keyword[1] !== undefined) open = { number: Number(keyword[1]), start: keyword.index + keyword[0].length };
  }
  if (open) addObject(index, open.number, { text: source.slice(open.start) });
  return index;
}

/** Adds the objects of one inflated object stream (/N pairs of number and offset, then the objects from /First). */
function indexObjectStream(index: ObjectIndex, dictionary: string, data: Buffer): void {
  const count = Number(/\/N\s+(\d+)/.exec(dictionary)?.[1] ?? 0);
  const first = Number(/\/First\s+(\d+)/.exec(dictionary)?.[1] ?? 0);
  const header = data.toString("latin1", 0, first).trim().split(/\s+/).map(Number);
  for (let i = 0; i < count && 2 * i + 1 < header.length; i += 1) {
    const start = first + header[2 * i + 1];
    const end = 2 * i + 3 < header.length ? first + header[2 * i + 3] : data.length;
    if (Number.isInteger(header[2 * i]) && start >= first && start <= end) addObject(index, header[2 * i], { text: data.toString("latin1", start, end) });
  }
}

/**
 * Checks each page's content streams against `limits` before the page is parsed: call it with the page's
 * number (for the message) and its object number (PDF.js's `page.ref.num`), in reading order; it throws the
 * ExtractionError of the limit passed. Pages that are never checked (past `maxPages`) cost nothing.
 */
export function contentStreamBudget(bytes: Uint8Array, limits: ContentLimits): (pageNumber: number, pageObject: number) => Promise<void> {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let spent = 0;
  let indexed: Promise<ObjectIndex> | undefined;
  /** Stream sizes by where their data starts: a page may name one stream many times. */
  const streamSizes = new Map<number, number>();

  // Object streams are parsed by PDF.js as well, so what they inflate to is spent from the document's budget.
  async function buildIndex(): Promise<ObjectIndex> {
    const index = indexFile(source);
    const objectStreams = [...index.values()]
      .flat()
      .filter((object): object is Required<PdfObject> => object.dataStart !== undefined && /\/Type\s*\/ObjStm\b/.test(object.text) && encoding(object.text) === "flate");
    for (const { text, dataStart } of objectStreams) {
      const data = await inflateWhole(bytes.subarray(dataStart), limits.maxContentBytes - spent);
      if (!data) throw contentTooLarge(limits.maxContentBytes);
      spent += data.length;
      indexObjectStream(index, text, data);
    }
    return index;
  }

  /** What a stream's data inflates to (exact, and so kept, when within `limit`). */
  async function streamSize(dictionary: string, dataStart: number, limit: number): Promise<number> {
    const known = streamSizes.get(dataStart);
    if (known !== undefined) return known;
    let size = 0;
    if (encoding(dictionary) === "flate") size = await inflatedSize(bytes.subarray(dataStart), limit);
    else if (encoding(dictionary) === "plain") {
      const end = source.indexOf("endstream", dataStart);
      size = (end < 0 ? source.length : end) - dataStart;
    }
    if (size <= limit) streamSizes.set(dataStart, size);
    return size;
  }

  /** The largest size any definition of the object gives; an array of streams (one level) sums its streams. */
  async function streamBytes(index: ObjectIndex, number: number, limit: number, inArray = false): Promise<number> {
    let largest = 0;
    for (const { text, dataStart } of index.get(number) ?? []) {
      if (dataStart !== undefined) largest = Math.max(largest, await streamSize(text, dataStart, limit));
      else if (!inArray && text.trimStart().startsWith("[")) largest = Math.max(largest, await sumOfStreams(index, references(text), limit));
      if (largest > limit) break;
    }
    return largest;
  }

  async function sumOfStreams(index: ObjectIndex, numbers: number[], limit: number): Promise<number> {
    let total = 0;
    for (const number of numbers) {
      total += await streamBytes(index, number, limit - total, true);
      if (total > limit) break;
    }
    return total;
  }

  return async function checkPage(pageNumber: number, pageObject: number): Promise<void> {
    indexed ??= buildIndex();
    const index = await indexed;
    const limit = Math.min(limits.maxPageContentBytes, limits.maxContentBytes - spent);
    let pageBytes = 0;
    for (const { text } of index.get(pageObject) ?? []) {
      // Every /Contents in the page's text counts: an annotation written inline has one too, and could come first.
      let size = 0;
      for (const [, contents] of text.matchAll(CONTENTS)) {
        size += contents.startsWith("[") ? await sumOfStreams(index, references(contents), limit - size) : await streamBytes(index, references(contents)[0], limit - size);
        if (size > limit) break;
      }
      pageBytes = Math.max(pageBytes, size);
      if (pageBytes > limit) break;
    }
    if (pageBytes > limits.maxPageContentBytes) throw pageContentTooLarge(pageNumber, limits.maxPageContentBytes);
    spent += pageBytes;
    if (spent > limits.maxContentBytes) throw contentTooLarge(limits.maxContentBytes);
  };
}
