/**
 * How a result reads, in every sentence of both texts: the one formatter the rules' sentences, the critical
 * values, the out-of-range summary and the narratives use. What it returns is Markdown: a lab's own strings
 * (units, text results, printed ranges) pass through `escapeMarkdown`.
 *
 * A result reads in the unit printed on the report, with the catalogue's converted value beside when the
 * units differ ("HbA1c 53 mmol/mol (7%)", "glucose 7.8 mmol/L (141 mg/dL)"); as reported when it could not be
 * converted ("5.5 widgets"); never as an empty string, "NaN" or a unit without its number.
 */
import { escapeMarkdown } from "../narrative/escape";
import { CATALOGUE } from "../catalogue";
import { fromCanonical } from "../normalize";
import type { PanelValue } from "../panel";
import { toUcum } from "../units";

/** At most `digits` decimals, no trailing zeros: 38 → "38", 1.80 → "1.8", 0.125 → "0.13". */
export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "?";
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/**
 * A unit as people read it, escaped for Markdown: a UCUM unit (or a lab's spelling of one, "x10*9/L") in its
 * usual print ("×10⁹/L", "mL/min/1.73 m²"), anything else as the lab wrote it.
 */
export function unitLabel(unit: string): string {
  return escapeMarkdown(
    (toUcum(unit) ?? unit)
      .replace("{1.73_m2}", "1.73 m²")
      .replace(/^10\*(\d+)\//, (_, power: string) => `×10${[...power].map((d) => SUPERSCRIPT[Number(d)]).join("")}/`)
      .replace(/uL$/, "µL")
      .replace("[IU]", "IU")
      .replace(/\{[^}]*\}/g, "")
      .replace(/^ratio$/, "")
      .trim(),
  );
}

/** "1.8 mg/dL", "7%"; the bare number for a unitless value. */
export function withUnit(value: number, unit: string, digits = 1): string {
  const label = unitLabel(unit);
  if (label === "%") return `${fmt(value, digits)}%`;
  return label ? `${fmt(value, digits)} ${label}` : fmt(value, digits);
}

/** Decimals for a converted value: as many as its size needs (141 mg/dL, 7.1 %, 0.93 mg/dL). */
function digitsFor(value: number): number {
  const size = Math.abs(value);
  return size >= 100 ? 0 : size >= 10 ? 1 : 2;
}

/** A printed unit as people read it: its UCUM reading when it has one ("x10*9/L" → "×10⁹/L"), else as printed. */
function printedUnitLabel(printed: string | null): string {
  if (!printed?.trim()) return "";
  const ucum = toUcum(printed);
  return ucum ? unitLabel(ucum) : escapeMarkdown(printed.trim().replace(/\s+/g, " "));
}

/** Whether a printed unit is the unit a value is held in (however either is spelled). */
export function sameUnit(printed: string | null, unit: string): boolean {
  const bare = (u: string | null) => (u ? (toUcum(u) ?? u.trim()) : "").replace(/\{(?!1\.73_m2\})[^}]*\}/g, "");
  return bare(printed) === bare(unit);
}

/** Whether a result was printed in another unit than the one it was read in (and converted to it). */
export function wasConverted(v: PanelValue): boolean {
  return Boolean(v.reported && v.value !== null && !sameUnit(v.reported.unit, v.unit) && fmt(v.reported.value, 6) !== fmt(v.value, 6));
}

/** A bound as it reads: "<" and ">" before a space open no Markdown, "<=" reads "≤". */
const COMPARATOR: Record<string, string> = { "<": "<", ">": ">", "<=": "≤", ">=": "≥", "≤": "≤", "≥": "≥" };

/**
 * The result as it reads in a sentence: "1.8 mg/dL"; "53 mmol/mol (7%)" when the lab printed another unit
 * than the catalogue's; "5.5 widgets" when that unit could not be converted; "< 0.5 mg/L" for a bound; the
 * text of a text result ("Negative"); "no value reported" when the lab sent neither.
 */
export function resultText(v: PanelValue, digits = 2): string {
  const bound = v.comparator ? `${COMPARATOR[v.comparator.trim()] ?? escapeMarkdown(v.comparator)} ` : "";
  const reported = v.reported && Number.isFinite(v.reported.value) ? v.reported : null;
  if (reported) {
    const printedUnit = printedUnitLabel(reported.unit);
    const asPrinted = printedUnit === "%" ? `${fmt(reported.value, 6)}%` : printedUnit ? `${fmt(reported.value, 6)} ${printedUnit}` : fmt(reported.value, 6);
    if (v.value === null || !Number.isFinite(v.value)) return `${bound}${asPrinted}`;
    if (sameUnit(reported.unit, v.unit)) return `${bound}${withUnit(v.value, v.unit, digits)}`;
    // Equivalent units (×10⁹/L and ×10³/µL): the same number, nothing to add beside it.
    if (fmt(reported.value, 6) === fmt(v.value, 6)) return `${bound}${asPrinted}`;
    return `${bound}${asPrinted} (${withUnit(v.value, v.unit, digitsFor(v.value))})`;
  }
  if (v.value !== null && Number.isFinite(v.value)) return `${bound}${withUnit(v.value, v.unit, digits)}`;
  const text = v.text?.trim();
  return text ? escapeMarkdown(text) : NO_VALUE;
}

/** What `resultText` says for a result the lab sent without a value. */
export const NO_VALUE = "no value reported";

/** Whether the lab sent no value at all (neither a number nor a text). */
export const hasNoValue = (v: PanelValue) => resultText(v) === NO_VALUE;

/** A result with its name: "Potassium 6.6 mmol/L". The name is Markdown-escaped (it may be the lab's). */
export function namedResult(v: PanelValue, name: string = v.name, digits = 2): string {
  return `${escapeMarkdown(name)} ${resultText(v, digits)}`;
}

/**
 * The interval a value was read against, in the value's (canonical) unit: "3.5–5.1 mmol/L", "≥ 60 …",
 * "≤ 200 …"; the printed text only when there are no bounds (it may be in the lab's unit); for a printed range
 * that could not be used, what was printed and why.
 */
export function referenceText(v: PanelValue): string {
  const r = v.reference;
  if (!r) return "no range";
  if (r.problem) return `not usable (${escapeMarkdown(r.problem)})${r.text ? `: ${escapeMarkdown(r.text.replace(/\s*\(not usable: .*\)$/, ""))}` : ""}`;
  if (r.low === undefined && r.high === undefined) return r.text !== undefined ? escapeMarkdown(r.text) : "no range";
  const canonical = bounds(r.low, r.high, unitLabel(v.unit), (n) => fmt(n, 2));
  // A lab's range for a converted value reads in the lab's unit first, as it was printed.
  const definition = r.source === "lab" && wasConverted(v) ? CATALOGUE.find((d) => d.code === v.code) : undefined;
  if (!definition || !v.reported) return canonical;
  const printed = (n: number | undefined) => (n === undefined ? undefined : (fromCanonical(n, toUcum(v.reported!.unit), definition) ?? undefined));
  const low = printed(r.low);
  const high = printed(r.high);
  if ((r.low !== undefined && low === undefined) || (r.high !== undefined && high === undefined)) return canonical;
  return `${bounds(low, high, printedUnitLabel(v.reported.unit), (n) => fmt(n, 6))} (${bounds(r.low, r.high, unitLabel(v.unit), (n) => fmt(n, digitsFor(n)))})`;
}

function bounds(low: number | undefined, high: number | undefined, unit: string, number: (n: number) => string): string {
  const text = low !== undefined && high !== undefined ? `${number(low)}–${number(high)}` : low !== undefined ? `≥ ${number(low)}` : `≤ ${number(high!)}`;
  return unit === "%" ? `${text}%` : `${text} ${unit}`.trim();
}

/**
 * Two values of one analyte (a trend's previous and current, held in the catalogue's unit) as the report
 * prints them: "124 → 159 umol/L (1.4 → 1.8 mg/dL)" when the latest result was printed in another unit,
 * "1.4 → 1.8 mg/dL" otherwise. `join` is the words between them ("→", "to").
 */
export function valuesText(v: PanelValue | undefined, values: readonly number[], unit: string, join = " → "): string {
  const canonical = `${values.map((n) => fmt(n, 2)).join(join)} ${unitLabel(unit)}`.trim();
  if (!v || !wasConverted(v) || !v.reported) return canonical;
  const definition = CATALOGUE.find((d) => d.code === v.code);
  const printedUnit = toUcum(v.reported.unit);
  const printed = definition && printedUnit ? values.map((n) => fromCanonical(n, printedUnit, definition)) : [];
  if (!printed.length || printed.some((n) => n === null || !Number.isFinite(n))) return canonical;
  return `${printed.map((n) => fmt(n!, digitsFor(n!))).join(join)} ${printedUnitLabel(v.reported.unit)} (${canonical})`;
}

