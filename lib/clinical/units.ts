/**
 * Units: what labs print → UCUM, and conversions between UCUM units with `@lhncbc/ucum-lhc` (the NLM's
 * UCUM implementation, https://ucum.org), including mass ↔ molar through a molar mass and mEq ↔ mmol through
 * a charge. ucum-lhc reads the units; what is written here by hand is only what it cannot read: the spellings
 * labs print that are not UCUM (`x10^9/L`, `K/uL`, `giga/L`, `mcg/dL`, `mg/g crea`, `% (NGSP)`), and the
 * relations between units that are a regression rather than a factor (HbA1c IFCC ↔ NGSP).
 * A unit that cannot be read or converted gives null, never a guess: the caller flags "Indeterminate", and the
 * texts print the value as the lab reported it.
 */
import ucum from "@lhncbc/ucum-lhc";

interface UcumUtils {
  validateUnitString(unit: string, suggest?: boolean): { status: "valid" | "invalid" | "error"; ucumCode?: string | null };
  convertUnitTo(from: string, value: number, to: string, options?: { molecularWeight?: number; charge?: number }): { status: string; toVal: number | null };
}

const utils = (ucum as unknown as { UcumLhcUtils: { getInstance(): UcumUtils } }).UcumLhcUtils.getInstance();

/** Lab spellings that are not UCUM (or mean something else in UCUM), lower-cased and without spaces. */
const PRINTED: Record<string, string> = {
  // UCUM reads "IU" and "mU" as other units than the enzyme and hormone units labs mean by them.
  "iu/l": "U/L",
  "miu/l": "m[IU]/L",
  "mu/l": "m[IU]/L",
  "uiu/ml": "u[IU]/mL",
  "miu/ml": "m[IU]/mL",
  "ml/min/1.73m2": "mL/min/{1.73_m2}",
  "ml/min/1.73m^2": "mL/min/{1.73_m2}",
  "ml/min/1.73m²": "mL/min/{1.73_m2}",
  "ml/min/1,73m2": "mL/min/{1.73_m2}",
  // Count words: thousands, millions, giga and tera per volume.
  "k/ul": "10*3/uL",
  "thou/ul": "10*3/uL",
  "thou/mm3": "10*3/uL",
  "m/ul": "10*6/uL",
  "mil/ul": "10*6/uL",
  "million/ul": "10*6/uL",
  "mill/ul": "10*6/uL",
  "giga/l": "10*9/L",
  "giga.l-1": "10*9/L",
  "tera/l": "10*12/L",
  "tera.l-1": "10*12/L",
  "cells/ul": "/uL",
  mmhg: "mm[Hg]",
  "cells/mm3": "/uL",
};

/** One segment of a lower-cased unit (between `/` and `.`) as UCUM spells it. */
const SEGMENT: Record<string, string> = {
  l: "L",
  dl: "dL",
  ml: "mL",
  ul: "uL",
  nl: "nL",
  fl: "fL",
  pl: "pL",
  mcl: "uL",
  u: "U",
  ku: "kU",
  hr: "h",
  iu: "[IU]",
  miu: "m[IU]",
  uiu: "u[IU]",
};

const SUPERSCRIPT: Record<string, string> = { "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9" };

/**
 * What a lab prints after the unit that only says what the unit is of: "mg/g crea", "mg/mmol creat",
 * "mmol/mol Hb", "% (NGSP)", "% of total Hb". The unit is the same without it.
 */
const QUALIFIER = /^(.*?\S)\s*[({]?\s*(?:creat(?:inine)?|crea|cr|hb|of total hb|total hb|ngsp|dcct|ifcc)\s*[)}]?$/i;

/**
 * Longer than any unit a lab prints ("mL/min/{1.73_m2}", "10*9/L", "mg/g{creat}" are under 20): longer text
 * is not a unit, and is not handed to the UCUM parser and the qualifier pattern, which take quadratic time
 * on it (16,000 characters took 3 s).
 */
const MAX_UNIT_LENGTH = 64;

function valid(unit: string): string | null {
  if (unit.length > MAX_UNIT_LENGTH) return null;
  const checked = utils.validateUnitString(unit);
  return checked.status === "valid" ? (checked.ucumCode ?? unit) : null;
}

/** "x10^9/l", "10e9/L", "×10⁹/L", "10^3/µl" → "10*9/l": the power-of-ten forms labs print. */
function powerOfTen(unit: string): string {
  return unit.replace(/^(?:x|\*)?10(?:\^|\*|e|\*\*)?(\d+)(?=\/|\.)/, "10*$1");
}

/** The lower-cased unit with each segment spelled as UCUM spells it: "mg/dl" → "mg/dL", "10*9/l" → "10*9/L". */
function ucumCasing(lower: string): string {
  return lower
    .split(/([/.])/)
    .map((segment) => SEGMENT[segment] ?? segment.replace(/^mc(?=g|mol)/, "u"))
    .join("");
}

/** The UCUM code for a printed unit, or null when it is not a unit UCUM knows (after the labs' spellings). */
export function toUcum(printed: string | null | undefined): string | null {
  if (!printed || printed.trim().length > MAX_UNIT_LENGTH) return null;
  // A lab prints a handful of units thousands of times; reading one costs up to four UCUM parses.
  let code = readUnits.get(printed);
  if (code === undefined) {
    if (readUnits.size >= READ_UNITS_MAX) readUnits.clear();
    readUnits.set(printed, (code = readUcum(printed)));
  }
  return code;
}

/** What `toUcum` read before, by printed unit (bounded: text from files is not ours to keep without limit). */
const readUnits = new Map<string, string | null>();
const READ_UNITS_MAX = 4096;

function readUcum(printed: string): string | null {
  let text = printed
    .normalize("NFKC")
    .trim()
    .replace(/[µμ]/g, "u")
    .replace(/×/g, "x")
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => SUPERSCRIPT[c]);
  const qualified = text.match(QUALIFIER);
  if (qualified && qualified[1] !== text) text = qualified[1];
  const compact = text.replace(/\s+/g, "");
  if (!compact) return null;
  // "g/l-1", "mmol.l-1": per litre written with an exponent (and, in the first, twice); both mean per litre.
  const lower = powerOfTen(compact.toLowerCase()).replace(/(?:\/|\.)l-1$/, "/l");
  if (PRINTED[lower]) return PRINTED[lower];
  const candidates = [ucumCasing(lower), compact, compact.replace(/\{[^}]*\}/g, ""), ucumCasing(lower.replace(/\{[^}]*\}/g, ""))];
  for (const candidate of candidates) {
    if (!candidate || candidate === "/") continue;
    const code = valid(candidate);
    // An annotation ({creat}, {cells}) says what is counted; the unit is the same without it.
    if (code) return code === "/" ? null : stripAnnotation(code);
  }
  return null;
}

/** A UCUM code without its annotations, unless the annotation is the whole of a term ({1.73_m2}). */
function stripAnnotation(code: string): string {
  const stripped = code.replace(/\{[^}]*\}/g, "");
  if (stripped === code || !stripped || /\/$|\/\//.test(stripped)) return code;
  return valid(stripped) ? stripped : code;
}

export interface ConversionContext {
  /** g/mol, for mass ↔ amount-of-substance conversions. */
  molarMass?: number;
  /** Ionic charge, for mEq ↔ mmol (sodium 1, calcium 2). */
  charge?: number;
}

/**
 * `value` in UCUM unit `from`, expressed in UCUM unit `to`; null when the units are not commensurable
 * (with the context given). Dimensionless ratios (%, mmol/mol) convert only to themselves here: HbA1c in
 * mmol/mol (IFCC) and % (NGSP) are related by a regression (`ifccToNgsp`), not by a unit factor.
 */
export function convert(value: number, from: string, to: string, context: ConversionContext = {}): number | null {
  if (from === to) return value;
  const ratioUnits = new Set(["%", "mmol/mol", "1", "{ratio}"]);
  if (ratioUnits.has(from) || ratioUnits.has(to)) return null;
  if (from.length > MAX_UNIT_LENGTH || to.length > MAX_UNIT_LENGTH) return null;
  const result = utils.convertUnitTo(from, value, to, {
    ...(context.molarMass ? { molecularWeight: context.molarMass } : {}),
    ...(context.charge ? { charge: context.charge } : {}),
  });
  if (result.status !== "succeeded" || result.toVal === null || !Number.isFinite(result.toVal)) return null;
  return result.toVal;
}

/**
 * HbA1c: the IFCC–NGSP master equation, NGSP (%) = 0.09148 × IFCC (mmol/mol) + 2.152 (Hoelzel W et al., Clin
 * Chem 2004;50(1):166-74; as published by the NGSP, https://ngsp.org/ifcc.asp). A regression between two
 * reference systems, not a unit factor: 53 mmol/mol is 7.0 %, 48 mmol/mol is 6.5 %.
 */
export const IFCC_NGSP = { slope: 0.09148, intercept: 2.152 } as const;

export function ifccToNgsp(mmolPerMol: number): number {
  return IFCC_NGSP.slope * mmolPerMol + IFCC_NGSP.intercept;
}

export function ngspToIfcc(percent: number): number {
  return (percent - IFCC_NGSP.intercept) / IFCC_NGSP.slope;
}
