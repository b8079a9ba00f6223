/**
 * How microbiology reports word things, read into one vocabulary: which tests are cultures, which results
 * name an organism, which are susceptibilities, and the S/I/R interpretation (HL7 table 0078; FHIR
 * v3-ObservationInterpretation, which uses the same codes).
 */
import type { SusceptibilityInterpretation } from "./types";

/**
 * LOINC codes whose result is the organism a culture grew ("Bacteria identified in … by Culture" and
 * kin). A name test backs this list up, since labs send local codes as often as LOINC.
 */
const ORGANISM_LOINC = new Set(["600-7", "624-7", "625-4", "630-4", "632-0", "634-6", "6463-4", "11475-1", "43409-2", "580-1", "88461-2", "17928-3", "6584-7"]);
/** LOINC panels and codes of susceptibility testing. */
const SUSCEPTIBILITY_PANEL_LOINC = new Set(["29576-6", "50545-3", "18769-0", "50546-1", "50547-9", "50548-7"]);

const ORGANISM_NAME = /\b(bacteria identified|organism|isolate[ds]?|islt|culture|cult|cul)\b/i;
const SUSCEPTIBILITY_NAME = /\b(susc|suscept\w*|sensitivit\w*|antibiogram|minimum inhibitory concentration|MIC)\b/i;
const COLONY_COUNT = /\b(colony count|colony forming|cfu)\b/i;
/** Text results of a culture that say nothing grew or nothing significant did: findings, not organisms. */
const NO_ORGANISM = /\b(no growth|no (?:\w+ )?(?:organisms?|bacteria|pathogens?) (?:isolated|detected|found|seen)|not isolated|sterile|negative|normal (?:\w+ )?flora|mixed flora|contaminat\w*|pending|in progress)\b/i;

export const isOrganismCode = (loinc: string | undefined, name: string) => (loinc !== undefined && ORGANISM_LOINC.has(loinc)) || ORGANISM_NAME.test(name);
export const isSusceptibilityCode = (loinc: string | undefined, name: string) => (loinc !== undefined && SUSCEPTIBILITY_PANEL_LOINC.has(loinc)) || SUSCEPTIBILITY_NAME.test(name);
export const isColonyCount = (loinc: string | undefined, name: string) => loinc === "564-5" || COLONY_COUNT.test(name);
export const isNoOrganismText = (text: string) => NO_ORGANISM.test(text);

/** How much grew, in the words labs use ("Moderate growth", "Heavy growth", "1+"): a quantity, not an organism. */
const GROWTH = /^\s*(?:(?:no|light|scant|scanty|rare|few|occasional|moderate|heavy|many|numerous|abundant)\s+growth|[1-4]\s*\+)\s*$/i;
export const isGrowthText = (text: string) => GROWTH.test(text);

const CODES: Record<string, SusceptibilityInterpretation> = {
  S: "S",
  VS: "S",
  I: "I",
  MS: "I",
  R: "R",
  SDD: "SDD",
  NS: "NS",
};
const WORDS: [RegExp, SusceptibilityInterpretation][] = [
  [/^(susceptible[- ]dose[- ]dependent|sdd)\b/i, "SDD"],
  [/^(non-?susceptible)\b/i, "NS"],
  [/^(susceptible|sensitive)\b/i, "S"],
  [/^(intermediate|moderately susceptible)\b/i, "I"],
  [/^(resistant)\b/i, "R"],
];

/** "S", "R^Resistant^HL70078", "Susceptible", "sensitive" → the code; anything else → undefined. */
export function readInterpretation(code: string | undefined, text?: string): SusceptibilityInterpretation | undefined {
  const bare = code?.trim().toUpperCase();
  if (bare && CODES[bare]) return CODES[bare];
  for (const candidate of [code, text]) {
    const words = candidate?.trim();
    if (!words) continue;
    const hit = WORDS.find(([pattern]) => pattern.test(words));
    if (hit) return hit[1];
  }
  return undefined;
}

/** The method a susceptibility code names, as a clinician would say it. */
export function readMethod(name: string): string | undefined {
  if (/minimum inhibitory concentration|\bMIC\b|broth (?:micro)?dilution|agar dilution/i.test(name)) return "MIC";
  if (/gradient strip|\betest\b/i.test(name)) return "Gradient strip";
  if (/disk diffusion|disc diffusion|agar diffusion|kirby|\bKB\b/i.test(name)) return "Disk diffusion";
  return undefined;
}

const titleCase = (text: string) => text.toLowerCase().replace(/(^|[\s/+-])([a-z])/g, (_, lead: string, letter: string) => `${lead}${letter.toUpperCase()}`);

/**
 * The antibiotic a susceptibility result names: "Ciprofloxacin [Susceptibility] by Minimum inhibitory
 * concentration (MIC)" → "Ciprofloxacin"; "CIPROFLOXACIN SUSC ISLT" → "Ciprofloxacin";
 * "Ampicillin:Susc:Pt:Isolate:OrdQn" → "Ampicillin"; "Susceptibility Ampicillin" → "Ampicillin".
 */
export function antibioticName(name: string): string {
  const bare = name
    .replace(/\s*\[susceptibility\].*$/i, "")
    .replace(/:susc:.*$/i, "")
    .replace(/\s+(susc|suscept\w*)\b.*$/i, "")
    .replace(/^(susceptibility|sensitivity)\s+(to\s+)?/i, "")
    .replace(/\s+by\s+(minimum inhibitory concentration|disk diffusion|gradient strip).*$/i, "")
    .trim();
  const text = bare || name.trim();
  return text === text.toUpperCase() && /[A-Z]/.test(text) ? titleCase(text) : text;
}

/** "Urine specimen (specimen)" → "Urine specimen": SNOMED's semantic tag is not for readers. */
export const specimenName = (text: string) => text.replace(/\s*\((specimen|substance)\)\s*$/i, "").trim();

/** "GREATER THAN 100,000 CFU/ML OF" → "GREATER THAN 100,000 CFU/ML": a colony count printed in a comment. */
export function quantityIn(text: string): string | undefined {
  return /(?:(?:>=?|<=?|≥|≤|greater than|more than|less than|fewer than)\s*)?\d[\d,.]*(?:\s*(?:x|×)\s*10\^?\d+)?\s*(?:CFU|colonies)(?:\s*\/\s*m?L)?/i.exec(text)?.[0].trim();
}
