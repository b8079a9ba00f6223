import zlib from "node:zlib";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { flateBombPdf, textReportPdf } from "../../tests/fixtures/lab-documents";
import { ExtractionError } from "./errors";
import { contentTooLarge, DEFAULT_LIMITS, pageContentTooLarge } from "./limits";
import { contentStreamBudget } from "./pdf-stream-budget";

const MB = 1024 * 1024;
const OPERATORS = "0 0 m 1 1 l S\n";

/** `size` bytes of drawing operators, deflated: a few kilobytes per inflated megabyte. */
const deflatedOperators = (size: number) => zlib.deflateSync(Buffer.alloc(size, OPERATORS));

/**
 * Objects 1, 2, … as they appear in a file, without a cross-reference table: the budget finds objects by
 * their headers, as PDF.js does when it rebuilds a damaged table. A Buffer is a stream's (already encoded) data.
 */
function rawPdf(objects: (string | { dictionary: string; data: Buffer })[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n")];
  objects.forEach((object, index) => {
    if (typeof object === "string") parts.push(Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`));
    else parts.push(Buffer.from(`${index + 1} 0 obj\n${object.dictionary}\nstream\n`), object.data, Buffer.from("\nendstream\nendobj\n"));
  });
  return new Uint8Array(Buffer.concat(parts));
}

const flate = (data: Buffer) => ({ dictionary: `<< /Length ${data.length} /Filter /FlateDecode >>`, data });

async function pageObjects(bytes: Uint8Array): Promise<number[]> {
  return (await PDFDocument.load(bytes)).getPages().map((page) => page.ref.objectNumber);
}

async function checkAll(bytes: Uint8Array, pages: number[], limits = DEFAULT_LIMITS): Promise<void> {
  const checkPage = contentStreamBudget(bytes, limits);
  for (const [index, pageObject] of pages.entries()) await checkPage(index + 1, pageObject);
}

describe("contentStreamBudget", () => {
  it("passes a generated three-page report, whose pages live in object streams", async () => {
    const bytes = await textReportPdf();
    const pages = await pageObjects(bytes);
    expect(pages).toHaveLength(3);
    await expect(checkAll(bytes, pages)).resolves.toBeUndefined();
    // The pages' content is found and counted: a budget smaller than it refuses the first page.
    await expect(checkAll(bytes, pages, { ...DEFAULT_LIMITS, maxPageContentBytes: 100 })).rejects.toThrow(pageContentTooLarge(1, 100));
  });

  it("refuses a page whose FlateDecode content stream inflates past the page cap", async () => {
    const bomb = flateBombPdf(DEFAULT_LIMITS.maxPageContentBytes + 1, OPERATORS);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const error = await checkAll(bomb, [3]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as Error).message).toBe(
      "page 1 of this PDF holds more than 8 MB of drawing instructions; Labwise reads at most 8 MB per page, far more than a lab report needs — print or export the report to PDF again, or upload a photo of it",
    );
    await expect(checkAll(flateBombPdf(DEFAULT_LIMITS.maxPageContentBytes, OPERATORS), [3])).resolves.toBeUndefined();
  });

  it("refuses a document whose pages together pass the document cap, each under the page cap", async () => {
    const limits = { ...DEFAULT_LIMITS, maxPageContentBytes: MB, maxContentBytes: 2 * MB };
    const page = (contents: number) => `<< /Type /Page /Contents ${contents} 0 R >>`;
    const bytes = rawPdf([page(4), page(5), page(6), flate(deflatedOperators(0.8 * MB)), flate(deflatedOperators(0.8 * MB)), flate(deflatedOperators(0.8 * MB))]);
    const checkPage = contentStreamBudget(bytes, limits);
    await checkPage(1, 1);
    await checkPage(2, 2);
    await expect(checkPage(3, 3)).rejects.toThrow(contentTooLarge(2 * MB));
    expect(contentTooLarge(2 * MB).message).toBe(
      "this PDF holds more than 2 MB of drawing instructions; Labwise reads at most 2 MB per PDF, far more than a lab report needs — split it into smaller files, or print or export the report to PDF again",
    );
  });

  it("sums a page's array of content streams, named directly or through an indirect array", async () => {
    const limits = { ...DEFAULT_LIMITS, maxPageContentBytes: MB };
    const part = flate(deflatedOperators(0.4 * MB));
    await expect(checkAll(rawPdf(["<< /Type /Page /Contents [2 0 R 3 0 R] >>", part, part]), [1], limits)).resolves.toBeUndefined();
    await expect(checkAll(rawPdf(["<< /Type /Page /Contents [2 0 R 3 0 R 2 0 R] >>", part, part]), [1], limits)).rejects.toThrow(pageContentTooLarge(1, MB));
    await expect(checkAll(rawPdf(["<< /Type /Page /Contents 2 0 R >>", "[3 0 R 4 0 R 5 0 R]", part, part, part]), [1], limits)).rejects.toThrow(pageContentTooLarge(1, MB));
  });

  it("cannot be misled by a short /Length, an early endstream or a second definition of the page", async () => {
    const limits = { ...DEFAULT_LIMITS, maxPageContentBytes: MB };
    const bomb = deflatedOperators(2 * MB);
    const fakeEnd = Buffer.concat([bomb.subarray(0, 10), Buffer.from("endstream"), bomb.subarray(10)]);
    const lying = { dictionary: "<< /Length 10 /Filter [/FlateDecode] >>", data: bomb };
    await expect(checkAll(rawPdf(["<< /Type /Page /Contents 2 0 R >>", lying]), [1], limits)).rejects.toThrow(pageContentTooLarge(1, MB));
    // Inflating stops at the corruption the inserted bytes cause, counting what came before.
    await expect(checkAll(rawPdf(["<< /Type /Page /Contents 2 0 R >>", flate(fakeEnd)]), [1], limits)).resolves.toBeUndefined();
    // An annotation written inline in the page, with a /Contents of its own, does not hide the page's.
    const annotated = rawPdf(["<< /Type /Page /Annots [<< /Subtype /Text /Contents 2 0 R >>] /Contents 3 0 R >>", "(a note)", flate(bomb)]);
    await expect(checkAll(annotated, [1], limits)).rejects.toThrow(pageContentTooLarge(1, MB));
    // Whichever definition the cross-reference table picks, the larger is counted.
    for (const [original, updated] of [
      [2, 3],
      [3, 2],
    ]) {
      const file = rawPdf([`<< /Type /Page /Contents ${original} 0 R >>`, flate(deflatedOperators(100)), flate(bomb)]);
      const update = Buffer.from(`1 0 obj\n<< /Type /Page /Contents ${updated} 0 R >>\nendobj\n`);
      await expect(checkAll(new Uint8Array(Buffer.concat([file, update])), [1], limits)).rejects.toThrow(pageContentTooLarge(1, MB));
    }
  });

  it("counts what corrupt or truncated deflate data inflates to before it breaks, and never throws otherwise", async () => {
    const limits = { ...DEFAULT_LIMITS, maxPageContentBytes: MB };
    const bomb = deflatedOperators(4 * MB);
    const corruptTail = Buffer.concat([bomb.subarray(0, bomb.length - 40), Buffer.alloc(40, 0xff)]);
    const page = "<< /Type /Page /Contents 2 0 R >>";
    await expect(checkAll(rawPdf([page, flate(corruptTail)]), [1], limits)).rejects.toThrow(pageContentTooLarge(1, MB));
    await expect(checkAll(rawPdf([page, flate(bomb.subarray(0, bomb.length / 2))]), [1], limits)).rejects.toThrow(pageContentTooLarge(1, MB));
    // Each part under the cap, broken at its end: what inflated before the break still adds up.
    const brokenPart = deflatedOperators(0.6 * MB);
    brokenPart.fill(0xff, brokenPart.length - 20);
    await expect(checkAll(rawPdf(["<< /Type /Page /Contents [2 0 R 3 0 R] >>", flate(brokenPart), flate(brokenPart)]), [1], limits)).rejects.toThrow(pageContentTooLarge(1, MB));
    for (const data of [Buffer.from("not deflate at all"), Buffer.alloc(0), bomb.subarray(0, 3), Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff])]) {
      await expect(checkAll(rawPdf([page, flate(data)]), [1], limits)).resolves.toBeUndefined();
    }
    // A page that is missing, names no contents, or names a missing object is left to PDF.js.
    await expect(checkAll(rawPdf(["<< /Type /Page >>", "<< /Type /Page /Contents 9 0 R >>"]), [1, 2, 7], limits)).resolves.toBeUndefined();
    // Truncated in the middle of the object header or dictionary.
    await expect(checkAll(new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<< /Type /Page /Contents [2 0 R"), [1], limits)).resolves.toBeUndefined();
  });
});
