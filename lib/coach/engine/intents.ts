/**
 * What the member is asking, recognised from the words of their message. Pure. Emergencies are looked for first
 * and win over everything else; then what the coach must decline (the profile's topics, dosing, prescriptions,
 * diagnosis); then questions about the member's own results. Analytes are named the way the clinical catalogue
 * names them (its names and aliases, `findByName`), plus the everyday words people use for a few of them.
 */
import { CATALOGUE, findByName } from "../../clinical/catalogue";

export type Emergency = "chest-pain" | "stroke" | "suicidal" | "bleeding" | "breathing";

/** Phrases of an emergency: the signs the guardrails name (chest pain, stroke's FAST signs, suicidal thoughts…). */
const EMERGENCIES: [Emergency, RegExp][] = [
  ["suicidal", /\b(suicid\w*|kill(ing)? myself|end(ing)? (my|it all|my own) li(fe|ves)|want(ed)? to die|better off dead|hurt(ing)? myself|self[- ]harm\w*)\b/],
  ["chest-pain", /\b(chest (pain|pains|pressure|tightness|hurts?)|pain in my chest|tight(ness)? in my chest|heart attack)\b/],
  ["stroke", /\b(stroke|face (is )?(droop\w*|numb)|droop\w* face|slurred speech|slurring|can'?t (speak|talk) properly|arm (is )?(weak|numb)|weak(ness)? in (my|one) (arm|side)|one side of my (face|body))\b/],
  ["bleeding", /\b((severe|heavy|heavily|uncontrolled) bleed\w*|bleed\w* (heavily|a lot|badly|won'?t stop|that won'?t stop|will not stop)|won'?t stop bleeding|coughing (up )?blood|vomiting blood)\b/],
  ["breathing", /\b(can'?t breathe|cannot breathe|can not breathe|unable to breathe|struggling to breathe|hard to breathe|difficulty breathing|trouble breathing|gasping)\b/],
];

const DOSING = /\b(dose|doses|dosing|dosage|how (much|many) (\w+ )?(should|can|do) i (take|use)|how (many|much) (pills|tablets|mg|units)|\d+ ?(mg|mcg|iu|units)\b.*\b(take|enough)|(increase|decrease|double|halve|lower|raise) my (dose|medication|medicine|insulin|pills))\b/;
const PRESCRIPTION = /\b(prescri\w*|(start|stop|switch|change|quit|come off|reduce|cut down on) (taking )?(my |a |an |the )?(\w+ )?(medication|medicine|meds|pills?|drugs?|tablets?|statins?|metformin|insulin|antibiotics?)|which (medication|medicine|drug|pill)|what (medication|medicine|drug|pill)s? should i|give me (a |some )?(medication|medicine|antibiotics?|pills?))\b/;
const DIAGNOSIS = /\b(diagnos\w*|do i have|do you think i have|have i got|am i (diabetic|anaemic|anemic|sick|ill|prediabetic|pre-diabetic)|is (it|this|that) (cancer|diabetes|kidney disease|serious)|what('s| is) wrong with me|what do i have|what disease)\b/;
/** "Do I have an A1c result?" asks what is on file, not for a diagnosis. */
const ON_FILE = /\bdo i have (a|an|any|my) [a-z0-9' -]{0,40}\b(results?|tests?|reports?|labs?|values?|numbers?|readings?)\b/;
const CLINICIAN_QUESTIONS = /\b(what (should|could|can|do) i ask|questions? (should i |to |for |can i )?(ask|bring|take)|ask my (doctor|clinician|gp|physician|nurse)|questions? for my (doctor|clinician|gp|physician|appointment))\b/;
const TREND = /\b(trend\w*|chang\w*|over time|improv\w*|wors\w*|better|going (up|down)|went (up|down)|gone (up|down)|go(ing)? up|go(ing)? down|compare\w*|since (last|my last|before)|than (last|before)|previous|history)\b/;
const OVERVIEW = /\b(overview|summary|summari[sz]e|my (results|labs|lab results|tests|reports?)|how am i doing|anything (wrong|abnormal|off|concerning)|out of range|all my)\b/;
const GREETING = /^\s*(hi|hello|hey|good (morning|afternoon|evening))\b[\s!.,]*$/;

/** Everyday words for analytes that the catalogue's printed names do not cover; the first code is the main one. */
const EVERYDAY: [RegExp, string[]][] = [
  [/\bsugar( test| level| levels| reading)?\b|\bdiabetes test\b/, ["hba1c", "glucose-fasting", "glucose"]],
  [/\bkidney( function| test| tests| numbers?| filtering)?\b|\bkidneys\b/, ["egfr", "creatinine"]],
  [/\bcholesterol\b/, ["total-cholesterol", "ldl-cholesterol", "hdl-cholesterol"]],
  [/\bthyroid\b/, ["tsh"]],
  [/\biron\b/, ["ferritin"]],
  [/\bblood count\b|\bhaemoglobin\b|\bhemoglobin\b(?! a1c)/, ["hemoglobin"]],
];

const KNOWN_CODES = new Set(CATALOGUE.map((d) => d.code));

/** Lowercase, curly apostrophes straightened, punctuation (but apostrophes and hyphens) to spaces. */
export function normalise(message: string): string {
  return message.toLowerCase().replace(/[’‘]/g, "'").replace(/[^a-z0-9'%+\- ]+/g, " ").replace(/\s+/g, " ").trim();
}

export function findEmergency(text: string): Emergency | undefined {
  return EMERGENCIES.find(([, pattern]) => pattern.test(text))?.[0];
}

/** The profile's declined topic named in the message, matched as whole words. */
export function findDeclinedTopic(text: string, topics: readonly string[]): string | undefined {
  return topics.find((topic) => {
    const words = normalise(topic);
    if (!words) return false;
    const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[^a-z0-9])${escaped}([^a-z0-9]|$)`).test(text);
  });
}

/**
 * The catalogue analytes the message names, each as the list of codes it may stand for (most specific first):
 * "my a1c" → [[hba1c]], "kidney function" → [[egfr, creatinine]]. Words are tried as the catalogue's names from
 * the longest run of words to the shortest, so "ldl cholesterol" is LDL and not total cholesterol.
 */
export function findAnalytes(text: string): string[][] {
  const words = text.split(" ");
  const found: string[][] = [];
  const used = new Set<number>();
  for (let size = Math.min(5, words.length); size >= 1; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      if ([...Array(size).keys()].some((i) => used.has(start + i))) continue;
      const phrase = words.slice(start, start + size).join(" ");
      if (size === 1 && phrase.length < 2) continue;
      const def = findByName(phrase);
      if (!def || STOP_WORDS.has(phrase)) continue;
      for (let i = 0; i < size; i++) used.add(start + i);
      if (!found.some((codes) => codes.includes(def.code))) found.push([def.code]);
    }
  }
  const rest = words.filter((_, i) => !used.has(i)).join(" ");
  for (const [pattern, codes] of EVERYDAY) {
    const known = codes.filter((code) => KNOWN_CODES.has(code));
    if (pattern.test(rest) && known.length && !found.some((group) => group.some((code) => known.includes(code)))) found.push(known);
  }
  return found;
}

/** Short words that are also an analyte's printed abbreviation ("k" for potassium) but mean something else in a sentence. */
const STOP_WORDS = new Set(["k", "na", "cl", "ca", "p", "mg", "fe", "cr", "alt", "ast", "alp", "ggt", "ck", "t", "i", "a", "is", "it", "my", "in", "on", "or", "and", "to", "hi", "pt", "ph", "sg", "mch", "glu"]);

export type Recognised =
  | { intent: "emergency"; emergency: Emergency }
  | { intent: "declined-topic"; topic: string }
  | { intent: "dosing" | "prescription" | "diagnosis" | "clinician-questions" | "overview" | "greeting" | "unknown" }
  | { intent: "value" | "trend"; analytes: string[][] }
  | { intent: "trend"; analytes: [] };

/** The intent of a message, most urgent reading first. */
export function recognise(message: string, declineTopics: readonly string[] = []): Recognised {
  const text = normalise(message);
  const emergency = findEmergency(text);
  if (emergency) return { intent: "emergency", emergency };
  const topic = findDeclinedTopic(text, declineTopics);
  if (topic) return { intent: "declined-topic", topic };
  if (DOSING.test(text)) return { intent: "dosing" };
  if (PRESCRIPTION.test(text)) return { intent: "prescription" };
  if (DIAGNOSIS.test(text) && !ON_FILE.test(text)) return { intent: "diagnosis" };
  if (CLINICIAN_QUESTIONS.test(text)) return { intent: "clinician-questions" };
  const analytes = findAnalytes(text);
  if (TREND.test(text)) return { intent: "trend", analytes } as Recognised;
  if (analytes.length) return { intent: "value", analytes };
  if (OVERVIEW.test(text)) return { intent: "overview" };
  if (GREETING.test(text)) return { intent: "greeting" };
  return { intent: "unknown" };
}
