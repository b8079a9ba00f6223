/**
 * Generators and checks shared by the property tests: text as hostile sources write it (every Unicode plane,
 * NUL, lone UTF-16 surrogates, BOMs, CR/LF mixes, the delimiters of CSV and HL7 v2, comparators and digits,
 * markup) and sometimes very long; and a clock for "never hangs". A synchronous parser cannot be interrupted,
 * so "never hangs" is checked as "every call returns within a budget" on inputs long enough that a
 * super-linear pattern (ReDoS) shows up as seconds, not milliseconds.
 */
import fc from "fast-check";
import { expect } from "vitest";

/** Pieces a parser is likely to treat specially, so random text hits its branches more often than noise would. */
const TOKENS = [
  "\u0000", "\r", "\n", "\r\n", "\n\r", "\t", " ", "  ", "\ufeff", "\ud800", "\udc00", "\udbff\udfff", "\u2028", "\u00a0",
  ",", ";", "|", "^", "~", "\\", "&", '"', "'", ":", "-", "–", "_", ".", "..", "...", "(", ")", "[", "]", "{", "}",
  "<", ">", "<=", ">=", "≤", "≥", "=", "+", "++", "1+", "−",
  "0", "1", "9", "12", "0.5", "1,234", "1.234,5", "-3", "1e308", "NaN", "Infinity", "99999999999999999999",
  "mg/dL", "mmol/L", "x10^3/uL", "%", "µg/L", "to", "less than", "at least", "Negative", "2+",
  "MSH|^~\\&|", "OBX|", "PID|", "OBR|", "NTE|", "\\F\\", "\\.br\\", "\\X0D\\",
  "Test,Result,Unit\n", "%PDF-", "resourceType", "\"resourceType\":\"Bundle\"",
  "2025-01-15", "20250115083000", "01/15/2025", "31/02/2024", "March 10, 2026", "T08:30:00Z", "+0500",
  "<script>alert(1)</script>", "**bold**", "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "=cmd|' /C calc'!A0",
  "Jane Doe", "MRN 12345678", "555-123-4567", "DOB:",
];

/** One UTF-16 code unit, any of the 65,536: lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/** A piece of hostile text: a special token, any code point, any code unit, or plain ASCII. */
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
  { weight: 1, arbitrary: codeUnit },
  { weight: 3, arbitrary: fc.string({ maxLength: 6 }) },
);

/** Text of up to `maxPieces` hostile pieces (a few hundred characters). */
export const nastyText = (maxPieces = 40) => fc.array(piece, { maxLength: maxPieces }).map((parts) => parts.join(""));

/** A hostile piece repeated into a string of tens of thousands of characters. */
export const longText = fc
  .tuple(nastyText(6), fc.integer({ min: 2_000, max: 20_000 }), nastyText(4))
  .map(([unit, times, tail]) => unit.repeat(Math.max(1, Math.ceil(times / Math.max(unit.length, 1)))) + tail);

/** Mostly short hostile text, sometimes a very long one. */
export const anyText = fc.oneof({ weight: 9, arbitrary: nastyText() }, { weight: 1, arbitrary: longText });

/** A finite number as a lab prints it, and the number it means. */
export const printedNumber = fc
  .tuple(fc.integer({ min: -99_999, max: 999_999 }), fc.integer({ min: 0, max: 4 }))
  .map(([scaled, decimals]) => {
    const text = (scaled / 10 ** decimals).toFixed(decimals);
    return { text, value: Number(text) };
  });

/** Units labs print; none of them reads as a flag or a word of a range. */
export const UNITS = ["mg/dL", "mmol/L", "g/dL", "U/L", "mIU/L", "x10^3/uL", "%", "fL", "pg", "ng/mL", "µmol/L", "mL/min/1.73m2", "10^9/L"];

/** How long one call of a synchronous parser may take on a loaded 2-core machine before it counts as a hang. */
export const CALL_BUDGET_MS = 1_500;

/** Runs `action`, failing the property when it takes longer than `budgetMs`; returns what it returned. */
export function withinBudget<T>(action: () => T, budgetMs = CALL_BUDGET_MS, what = "call"): T {
  const started = performance.now();
  const result = action();
  const elapsed = performance.now() - started;
  expect(elapsed, `${what} took ${elapsed.toFixed(0)} ms`).toBeLessThan(budgetMs);
  return result;
}

/** The same for an asynchronous parser; a promise that never settles fails at the budget instead of hanging. */
export async function withinBudgetAsync<T>(action: () => Promise<T>, budgetMs = CALL_BUDGET_MS * 4, what = "call"): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${budgetMs} ms`)), budgetMs);
  });
  try {
    const result = await Promise.race([action(), timeout]);
    expect(performance.now() - started, `${what} took too long`).toBeLessThan(budgetMs);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `action` and returns what it threw, or undefined. A property then asserts the error is the module's
 * own documented type; anything else (a TypeError, a RangeError from a stack overflow) is a bug.
 */
export function thrownBy(action: () => unknown): unknown {
  try {
    action();
    return undefined;
  } catch (error) {
    return error;
  }
}

export async function rejectionOf(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Replaces one value somewhere inside `json` (the path picked by `choices`) with `replacement`. */
export function spoil(json: unknown, choices: number[], replacement: unknown): unknown {
  if (choices.length === 0 || json === null || typeof json !== "object") return replacement;
  const [choice, ...rest] = choices;
  if (Array.isArray(json)) {
    if (json.length === 0) return replacement;
    const index = choice % json.length;
    return json.map((item, i) => (i === index ? spoil(item, rest, replacement) : item));
  }
  const keys = Object.keys(json);
  if (keys.length === 0) return replacement;
  const key = keys[choice % keys.length];
  return { ...json, [key]: spoil((json as Record<string, unknown>)[key], rest, replacement) };
}

/** Every string in `json` replaced, in order, by the next of `texts` (cycling). */
export function replaceStrings(json: unknown, texts: string[]): unknown {
  let next = 0;
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return texts.length ? texts[next++ % texts.length] : value;
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
    return value;
  };
  return walk(json);
}

/** Moderate run counts keep the whole property suite within a minute on two cores; FC_RUNS_FACTOR scales them for a soak (FC_RUNS_FACTOR=20). */
export function runs(base: number): number {
  const factor = Number(process.env.FC_RUNS_FACTOR ?? "1");
  return Math.max(1, Math.round(base * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}
