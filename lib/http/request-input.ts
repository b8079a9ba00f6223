/**
 * Reading what a client sends, before any schema sees it: the body up to a byte limit, JSON no deeper than a
 * nesting limit, and text PostgreSQL can store. Each refusal is the surface's own 413 or validation error,
 * never a 500 from the parser, the driver or memory.
 */
import { AppError, type FieldIssue } from "./errors";

/** Deeper than any request Labwise accepts; `[[[…]]]` 5,000 deep is a parser and stack attack, not data. */
export const MAX_JSON_DEPTH = 64;
/** Enough to show a client its mistakes without echoing a hostile body back. */
const MAX_TEXT_ISSUES = 20;

/**
 * The body as text, read as a stream with a byte counter: a chunked body without `Content-Length` is cut off
 * (and its stream cancelled) as soon as it passes `maxBytes`, instead of being buffered whole first.
 */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `Request body exceeds ${maxBytes} bytes`);
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  // TextDecoder, like Request.text(): UTF-8, a leading BOM dropped, invalid bytes as U+FFFD.
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** JSON.parse with the nesting checked first, so a hostile depth is a validation error naming the limit. */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (!text.trim()) {
    throw new AppError("VALIDATION_ERROR", "Request body is empty", {
      issues: [{ loc: ["body"], msg: "A JSON body is required", type: "missing" }],
    });
  }
  if (jsonDepthExceeds(text, maxDepth)) {
    throw new AppError("VALIDATION_ERROR", "JSON body nested too deeply", {
      issues: [{ loc: ["body"], msg: `JSON may nest objects and arrays at most ${maxDepth} deep`, type: "json_too_deep" }],
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("VALIDATION_ERROR", "Malformed JSON body", {
      issues: [{ loc: ["body"], msg: `JSON decode error: ${(error as Error).message}`, type: "json_invalid" }],
    });
  }
}

/**
 * Whether `[`/`{` open more than `maxDepth` levels anywhere outside strings. One pass over the text; malformed
 * JSON is left for JSON.parse to report.
 */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * Refuses text PostgreSQL cannot store or that is not Unicode: NUL (`\u0000`, refused in `text` and `jsonb`)
 * and UTF-16 surrogates without their partner (`"\ud800"` is valid JSON but no character; `jsonb` refuses it
 * and UTF-8 cannot encode it). Walks every string and object key of a parsed body, path or query, so no
 * route's schema has to remember; `loc` names the field as zod's issues do (`["body", "labResults", 0, "notes"]`).
 */
export function requireStorableText<T>(value: T, location: string): T {
  const issues = unstorableText(value, [location]);
  if (issues.length) throw new AppError("VALIDATION_ERROR", `Invalid request ${location}`, { issues });
  return value;
}

export function unstorableText(value: unknown, loc: (string | number)[], issues: FieldIssue[] = []): FieldIssue[] {
  if (issues.length >= MAX_TEXT_ISSUES) return issues;
  if (typeof value === "string") {
    const problem = textProblem(value);
    if (problem) issues.push({ loc, ...problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unstorableText(item, [...loc, index], issues));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key);
      // The key is shown with the bad characters replaced, so the answer itself stays storable and printable.
      const at = [...loc, problem ? toWellFormed(key) : key];
      if (problem && issues.length < MAX_TEXT_ISSUES) issues.push({ loc: at, msg: `Field name ${problem.msg}`, type: problem.type });
      unstorableText(item, at, issues);
    }
  }
  return issues;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

function textProblem(text: string): { msg: string; type: string } | null {
  if (text.includes("\u0000")) return { msg: "must not contain NUL characters (\\u0000)", type: "string_nul_character" };
  if (LONE_SURROGATE.test(text)) return { msg: "must be valid Unicode (it contains an unpaired surrogate)", type: "string_unpaired_surrogate" };
  return null;
}

function toWellFormed(text: string): string {
  return text.replaceAll("\u0000", "\ufffd").replace(LONE_SURROGATES, "\ufffd");
}
