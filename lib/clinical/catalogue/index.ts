/**
 * The analyte catalogue (DESIGN §7) and its look-ups. Pure: the data is versioned in this folder.
 *
 * Names are matched the way labs print them and the way FHIR/Synthea print LOINC long names
 * ("Creatinine [Mass/volume] in Serum or Plasma"). A name is tried from the most literal form to the most
 * reduced one, so "Glucose (Fasting)" finds the fasting analyte before the generic one, and
 * "Erythrocyte distribution width [Ratio]" finds RDW while the fL-based "[Entitic volume]" one finds nothing.
 * Specimens other than serum, plasma and blood are never stripped: "Creatinine in Urine" is not creatinine.
 */
import { CARDIAC_INFLAMMATION } from "./cardiac-inflammation";
import { CHEMISTRY } from "./chemistry";
import { ENDOCRINE } from "./endocrine";
import { HEMATOLOGY } from "./hematology";
import { IRON_VITAMINS } from "./iron-vitamins";
import { LIPIDS } from "./lipids";
import type { AnalyteDefinition, ReferenceInterval } from "./types";
import { URINALYSIS } from "./urinalysis";

export type { AnalyteCategory, AnalyteDefinition, ReferenceInterval } from "./types";

export const CATALOGUE: readonly AnalyteDefinition[] = [
  ...CHEMISTRY,
  ...HEMATOLOGY,
  ...LIPIDS,
  ...ENDOCRINE,
  ...IRON_VITAMINS,
  ...CARDIAC_INFLAMMATION,
  ...URINALYSIS,
];

/** Lowercase, unify micro signs, drop zero-width characters, turn punctuation into spaces. */
function basic(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .toLowerCase()
    .replace(/[µμ]/g, "u")
    .replace(/[^a-z0-9%#+]+/g, " ")
    // "LYMPH%" and "Lymph %", "NEUT#" and "Neut #" are the same name.
    .replace(/\s*([%#])\s*/g, " $1 ")
    .replace(/\s+/g, " ")
    .trim();
}

const SPECIMEN = String.raw`(?:serum, plasma or blood|serum or plasma|serum\/plasma|ser\/plas|serum|plasma|whole blood|venous blood|capillary blood|blood)`;

/** Removes method, specimen (serum/plasma/blood only) and state qualifiers; keeps bracketed LOINC properties. */
function reduced(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .toLowerCase()
    .replace(/\/1\.73 ?sq ?m(?:\.predicted)?/g, "")
    .replace(/\s+by\s+.*$/, "")
    .replace(new RegExp(String.raw`\s+(?:in|of)\s+${SPECIMEN}\s*$`), "")
    .replace(new RegExp(String.raw`\s*[,(]\s*${SPECIMEN}\s*\)?\s*$`), "")
    .replace(/\s*\((?:fasting|random|calculated|calc|total|direct)\)\s*$/, "")
    .replace(/\s*,\s*(?:fasting|random|calculated|calc)\s*$/, "");
}

/** The keys a printed name is tried under, most literal first. */
export function nameKeys(name: string): string[] {
  const stripped = reduced(name);
  const keys = [basic(name), basic(stripped)];
  // A count ("[#/volume]") is never the same analyte as its percentage: such names must match as printed.
  if (!/\[#\//.test(stripped)) keys.push(basic(stripped.replace(/\[[^\]]*\]/g, " ")));
  return [...new Set(keys.filter(Boolean))];
}

function buildIndexes() {
  const byLoinc = new Map<string, AnalyteDefinition>();
  const byName = new Map<string, AnalyteDefinition>();
  for (const def of CATALOGUE) {
    for (const code of def.loinc) {
      const other = byLoinc.get(code);
      if (other) throw new Error(`LOINC ${code} is on both ${other.code} and ${def.code}`);
      byLoinc.set(code, def);
    }
    for (const alias of [def.name, ...def.aliases]) {
      const key = basic(alias);
      const other = byName.get(key);
      if (other && other !== def) throw new Error(`Name "${alias}" is on both ${other.code} and ${def.code}`);
      byName.set(key, def);
    }
  }
  return { byLoinc, byName };
}

const INDEXES = buildIndexes();

/** The analyte reported under a LOINC code (https://loinc.org), if the catalogue has it. */
export function findByLoinc(code: string): AnalyteDefinition | undefined {
  return INDEXES.byLoinc.get(code.trim());
}

/**
 * The analyte a printed test name refers to. Exact alias matches only, after normalisation: a name that
 * is merely similar ("Urine creatinine", "LDL" for HDL) finds nothing rather than a guess.
 */
export function findByName(name: string): AnalyteDefinition | undefined {
  for (const key of nameKeys(name)) {
    const def = INDEXES.byName.get(key);
    if (def) return def;
  }
  return undefined;
}

export interface PatientContext {
  sex?: "female" | "male";
  age?: number;
}

function applies(interval: ReferenceInterval, context: PatientContext): boolean {
  if (interval.sex && interval.sex !== context.sex) return false;
  if (interval.ageMin != null && !(context.age != null && context.age >= interval.ageMin)) return false;
  if (interval.ageMax != null && !(context.age != null && context.age <= interval.ageMax)) return false;
  return true;
}

const specificity = (interval: ReferenceInterval) =>
  (interval.sex ? 2 : 0) + (interval.ageMin != null ? 1 : 0) + (interval.ageMax != null ? 1 : 0);

/**
 * The most specific adult interval that applies to this patient. A sex- or age-bound interval never
 * applies when the patient's sex or age is unknown: the answer is then undefined, not a guess.
 */
export function referenceFor(def: AnalyteDefinition, context: PatientContext = {}): ReferenceInterval | undefined {
  let best: ReferenceInterval | undefined;
  for (const interval of def.reference) {
    if (!applies(interval, context)) continue;
    if (!best || specificity(interval) > specificity(best)) best = interval;
  }
  return best;
}
