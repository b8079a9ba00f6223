/**
 * Which reader a file needs, decided from its bytes: file names and content types are often wrong
 * (a PDF saved as .txt, CSV sent as application/octet-stream), so they only break ties.
 */
import { looksLikeCsv } from "./csv";
import type { LabFormat } from "./types";

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte);

/** PDF readers accept "%PDF-" anywhere in the first kilobyte (ISO 32000-1 §7.5.2 implementation note). */
function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return head.includes("%PDF-");
}

function isImage(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || // PNG
    startsWith(bytes, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || // TIFF, little-endian
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) // TIFF, big-endian
  );
}

/** Text in UTF-8 without a BOM, or undefined for binary content (NUL bytes or invalid UTF-8). */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
}

function textFormat(text: string): LabFormat | null {
  const start = text.trimStart();
  if (/^(MSH|FHS|BHS)[|^~\\&]/.test(start) && /(^|[\r\n])MSH/.test(start)) return "hl7v2";
  if (start.startsWith("{") || start.startsWith("[")) {
    try {
      const data: unknown = JSON.parse(start);
      return typeof data === "object" && data !== null && typeof (data as { resourceType?: unknown }).resourceType === "string" ? "fhir" : "json";
    } catch {
      return /"resourceType"\s*:/.test(start) ? "fhir" : "json";
    }
  }
  return looksLikeCsv(start) ? "csv" : null;
}

function hintedFormat(hints: { contentType?: string; filename?: string }): LabFormat | null {
  const type = hints.contentType?.toLowerCase() ?? "";
  const name = hints.filename?.toLowerCase() ?? "";
  if (type.includes("csv") || /\.(csv|tsv)$/.test(name)) return "csv";
  return null;
}

/**
 * Detects the format from content: magic bytes for PDF and images, "MSH|" for HL7 v2, JSON with a
 * resourceType for FHIR, other JSON for lab items, and a recognised header row for CSV. A hint can only
 * make a delimited text file CSV when its header was not recognised; it never overrides the content.
 */
export function detectFormat(bytes: Uint8Array, hints: { contentType?: string; filename?: string } = {}): LabFormat | null {
  if (bytes.length === 0) return null;
  if (isPdf(bytes)) return "pdf";
  if (isImage(bytes)) return "image";
  const text = decodeText(bytes);
  if (text === undefined || text.trim() === "") return null;
  const fromContent = textFormat(text);
  if (fromContent) return fromContent;
  const firstLine = text.trimStart().split(/\r\n|\r|\n/)[0] ?? "";
  return hintedFormat(hints) === "csv" && /[,;\t|]/.test(firstLine) ? "csv" : null;
}
