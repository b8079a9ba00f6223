/**
 * People's names for de-identification (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i)(A): names of the
 * individual and of relatives, employers or household members). Two sources:
 *
 * - the names a file declares — HL7 v2 PID-5/6/9, NK1-2, GT1-3 and IN1-16 (XPN); FHIR Patient,
 *   RelatedPerson and Patient.contact HumanNames and Patient references' `display`; JSON keys such as
 *   `patientName`; "Patient:"/"Name:" lines of CSV and printed reports — which are then removed wherever
 *   they appear, in any case and order ("Johnathan Doe", "DOE, JOHNATHAN", "J. Doe", "Doe");
 * - names found by context in any text: after a label ("Patient: John Q. Public", "pt jane roe"), after
 *   an honorific ("Mr. Smith"), or a capitalised pair whose first word is a common given name
 *   ("Glucose (Johnathan Doe)").
 *
 * Words of the analyte catalogue and of lab reports are never taken for names (deidentify-words.ts).
 */
import { GIVEN_NAMES } from "./deidentify-given-names";
import { NEVER_A_NAME, NOT_A_NAME } from "./deidentify-words";

export const NAME_TAG = "[name]";

/** Word boundaries for letters of any script; "_" separates words ("Johnathan_Doe"). */
const WORD_START = String.raw`(?<![\p{L}\p{N}])`;
const WORD_END = String.raw`(?![\p{L}\p{N}])`;

const plain = (word: string) => word.toLowerCase().replace(/['’.]/g, "");
/** Could be part of a name anywhere: not a lab, clinical or everyday word. */
const isWordName = (word: string) => !NOT_A_NAME.has(plain(word));
/** Could be part of a name where a label or title says one follows ("Mother: Eve White"). */
const isLabelledName = (word: string) => !NEVER_A_NAME.has(plain(word));
const isGivenName = (word: string) => GIVEN_NAMES.has(word.toLowerCase()) && isWordName(word);

// ---------------------------------------------------------------------------------------------------------
// Names the file declares.

/** The words of one declared name, lowercased, without digits (Synthea writes "Barrett612"). */
function nameWords(name: string): string[] {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}'’-]+/u)
    .map((word) => word.replace(/^['’-]+|['’-]+$/g, ""))
    .filter((word) => word.length >= 2);
}

/** HL7 v2 XPN fields (family^given^middle^suffix^prefix) of the segments that name the patient or kin. */
const HL7_NAME_FIELDS: Record<string, number[]> = { PID: [5, 6, 9], NK1: [2], GT1: [3], IN1: [16] };

function hl7Names(text: string): string[] {
  const start = text.trimStart();
  const field = start[3] ?? "|";
  const component = start[4] ?? "^";
  const repetition = start[5] ?? "~";
  const subcomponent = start[7] ?? "&";
  return text.split(/\r\n|\r|\n/).flatMap((segment) => {
    const fields = segment.split(field);
    return (HL7_NAME_FIELDS[fields[0]] ?? []).flatMap((index) =>
      (fields[index] ?? "")
        .split(repetition)
        .map((xpn) => xpn.split(component).slice(0, 3).map((part) => part.split(subcomponent)[0]).join(" ").trim())
        .filter(Boolean),
    );
  });
}

const NAME_KEYS = /^(?:patient_?name|patientname|full_?name|fullname|first_?name|firstname|last_?name|lastname|given_?name|givenname|family_?name|familyname|surname|middle_?name|maiden_?name|mothers?_?maiden_?name)$/i;
const PERSON_KEYS = /^(?:patient|subject|member|person|guarantor|subscriber|insured|relatedperson|contact|kin|nextofkin|next_of_kin)$/i;

/**
 * HumanNames of FHIR people, references' `display` to them, and name-like keys of other JSON. Walks the
 * document with a queue, not by recursion: a lab file is whatever JSON its sender wrote, and one nested
 * 10,000 deep overflowed the stack (the lab then failed as an internal error, retried four times).
 */
function jsonNames(document: unknown): string[] {
  const found: string[] = [];
  const human = (name: unknown) => {
    for (const entry of Array.isArray(name) ? name : [name]) {
      if (!entry || typeof entry !== "object") continue;
      const { text, family, given } = entry as { text?: unknown; family?: unknown; given?: unknown };
      const parts = [...(Array.isArray(given) ? given : []), family].filter((part): part is string => typeof part === "string");
      if (parts.length) found.push(parts.join(" "));
      if (typeof text === "string") found.push(text);
    }
  };
  const queue: [unknown, string][] = [[document, ""]];
  for (let next = 0; next < queue.length; next++) {
    const [value, key] = queue[next];
    if (Array.isArray(value)) {
      for (const item of value) queue.push([item, key]);
      continue;
    }
    if (!value || typeof value !== "object") {
      if (typeof value === "string" && NAME_KEYS.test(key)) found.push(value);
      continue;
    }
    const object = value as Record<string, unknown>;
    const type = typeof object.resourceType === "string" ? object.resourceType : "";
    if (type === "Patient" || type === "RelatedPerson" || PERSON_KEYS.test(key)) {
      human(object.name);
      if (typeof object.name === "string" && !type) found.push(object.name);
    }
    if (type === "Patient" && Array.isArray(object.contact)) for (const contact of object.contact) human((contact as { name?: unknown })?.name);
    if (typeof object.reference === "string" && /(?:^|\/)(?:Patient|RelatedPerson)\//.test(object.reference) && typeof object.display === "string") {
      found.push(object.display);
    }
    for (const [childKey, child] of Object.entries(object)) queue.push([child, childKey]);
  }
  return found;
}

/** "Patient: Johnathan Doe", "Patient Name,Doe, Johnathan", "Name: JANE ROE   DOB: …": the name after the label. */
const LABELLED_LINE = new RegExp(
  String.raw`(?:^|[\s,;|"])(?:patient(?:'s)?\s*(?:full\s*)?name|pt\.?\s*name|patient|pt|full\s*name|member\s*name|name|subscriber|insured|guarantor|next\s*of\s*kin|mother|father|guardian|spouse)\s*"?\s*[:=,;|\t]\s*"?[ \t]*\n?[ \t]*"?([^\n"|;\t]{2,80})`,
  "giu",
);
/** Where a labelled name stops: the next label, two spaces, or an empty CSV cell. */
const NAME_END = /\s{2,}|,\s*,|,?\s*\b(?:dob|d\.o\.b|date|mrn|id|age|sex|gender|acct|account|phone|tel|address|ssn|birth|collected|reported|physician|doctor|provider)\b/i;

function labelledNames(text: string): string[] {
  return [...text.matchAll(LABELLED_LINE)].flatMap((match) => {
    const name = match[1].split(NAME_END)[0].replace(/[,\s]+$/, "").trim();
    // A CSV header ("Patient,Test,Result") or a sentence is not a name: every word must be able to be one.
    const parts = name.split(/[\s,]+/).filter(Boolean);
    if (parts.length === 0 || parts.length > 5 || /\d/.test(name)) return [];
    return parts.every((part) => part.replace(/\./g, "").length <= 1 || isWordName(part)) ? [name] : [];
  });
}

/**
 * The people a file names as its patient or their kin (see the module comment), from its text: an HL7 v2
 * message, FHIR or other JSON, or the text of a CSV or printed report. Never throws; unknown shapes give [].
 */
export function declaredNames(source: string): string[] {
  const text = source.replace(/^\uFEFF/, "");
  const start = text.trimStart();
  const names: string[] = [];
  let json: unknown;
  try {
    json = start.startsWith("{") || start.startsWith("[") ? JSON.parse(start) : undefined;
  } catch {
    // Not JSON after all: read as text.
  }
  if (/^(?:MSH|FHS|BHS)/.test(start)) names.push(...hl7Names(start));
  else if (json !== undefined) names.push(...jsonNames(json));
  // JSON and HL7 were read by structure; a "name" key of an Organization is not a person.
  else names.push(...labelledNames(text));
  return [...new Set(names.map((name) => name.trim()).filter((name) => nameWords(name).length > 0))];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A matcher for declared names: two or more of their words or initials in any order and case, separated
 * by spaces, commas, dots, underscores or carets ("Doe, J.", "JOHNATHAN_DOE"), or one of their words alone
 * when it cannot be a lab or everyday word. Undefined when nothing was declared.
 */
export function declaredNameMatcher(names: readonly string[]): RegExp | undefined {
  const words = [...new Set(names.flatMap(nameWords))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return undefined;
  const initials = [...new Set(words.map((word) => word[0]))].map(escape).join("");
  const part = String.raw`(?:(?:${words.map(escape).join("|")})\d*|[${initials}]\.?)`;
  const run = String.raw`${WORD_START}${part}(?:[\s,._^]+${part})+${WORD_END}\.?`;
  const alone = words.filter((word) => word.length >= 3 && isWordName(word)).map(escape);
  return new RegExp(alone.length ? String.raw`${run}|${WORD_START}(?:${alone.join("|")})\d*${WORD_END}` : run, "giu");
}

/** Replaces declared names; a run of initials alone ("J. D.") is left as it was. */
export function replaceDeclaredNames(text: string, matcher: RegExp, count: () => void): string {
  return text.replace(matcher, (match) => {
    if (!match.split(/[\s,._^]+/).some((part) => part.length >= 2)) return match;
    count();
    return NAME_TAG;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Eponyms: people's names that are medical terms ("Bence Jones protein", "Wilson disease").

const EPONYMS = new RegExp(
  String.raw`(?<![\p{L}])(?:(?:Bence[\s-]Jones|Martin[\s-]Hopkins|Epstein[\s-]Barr|von[\s-]Willebrand|Cockcroft[\s-]Gault|Kleihauer[\s-]Betke|Ziehl[\s-]Neelsen|Tay[\s-]Sachs)|(?:Addison|Cushing|Wilson|Gilbert|Graves|Crohn|Hashimoto|Hodgkin|Lewis|Kell|Duffy|Kidd|Coombs|Gram|Lyme|Paget|Raynaud|Sjogren|Whipple|Down|Turner|Westergren|Friedewald|Sampson)(?:['’]s)?(?=[\s-]+(?:disease|syndrome|lymphoma|antigens?|antibod(?:y|ies)|system|blood group|stain|tests?|thyroiditis|phenomenon|method|equation|formula|calculation|esr|sed rate)(?![\p{L}])))`,
  "giu",
);

/**
 * Hides eponyms from the name detectors, so a patient called Jones does not turn "Bence Jones protein" into
 * "Bence [name] protein"; `restore` puts them back once names are replaced.
 */
export function maskEponyms(text: string): { masked: string; restore: (text: string) => string } {
  const found: string[] = [];
  const masked = text.replace(EPONYMS, (eponym) => `\u0001${found.push(eponym) - 1}\u0002`);
  return { masked, restore: (after) => (found.length ? after.replace(/\u0001(\d+)\u0002/g, (_whole, index: string) => found[Number(index)]) : after) };
}

// ---------------------------------------------------------------------------------------------------------
// Names found by context.

/**
 * A capitalised name word ("Doe", "O'Brien", "McDonald", "Smith-Jones", "DOE") or an initial ("Q."). The
 * lower-case letter a mixed-case word needs is found by a lookahead: written as `[…]*\p{Ll}[…]*`, the two runs
 * could split a word at any of its lower-case letters, and two long words that are no name took cubic time to
 * refuse (two 4,000-letter words in a note: 46 s).
 */
const CAP_WORD = String.raw`(?:\p{Lu}(?=[\p{L}'’-]*\p{Ll})[\p{L}'’-]*|\p{Lu}{2,}(?:['’-]\p{Lu}+)*)`;
const INITIAL = String.raw`\p{Lu}\.?(?![\p{L}])`;
const LOWER_WORD = String.raw`\p{Ll}[\p{Ll}'’-]+`;

const LABELS = [
  "patient(?:'s)? name",
  "pt\\.? name",
  "patient",
  "pt\\.?",
  "full name",
  "(?<!(?:test|analyte|component|panel|specimen|sample|drug|product|file|lab|order|procedure|facility|hospital|clinic|user|host|device)\\s)name",
  "mother",
  "father",
  "parent",
  "guardian",
  "spouse",
  "wife",
  "husband",
  "son",
  "daughter",
  "brother",
  "sister",
  "caregiver",
  "employer",
  "emergency contact",
  "contact",
  "next of kin",
  "nok",
  "referred by",
  "referring (?:physician|provider|doctor)",
  "physician",
  "doctor",
  "provider",
  "ordered by",
  "ordering (?:physician|provider)",
  "attending",
  "reviewed by",
  "verified by",
  "collected by",
  "drawn by",
  "performed by",
  "signed by",
  "read back (?:to|by)",
  "called to",
  "given to",
  "reported to",
  "notified",
  "spoke (?:to|with)",
  "discussed with",
  "informed",
  "results to",
];
/** Labels match in any case while the name after them stays case-sensitive: "pt" → "[Pp][Tt]". */
const anyCase = (pattern: string) => pattern.replace(/\\.|[a-z]/g, (part) => (part.length === 1 ? `[${part.toUpperCase()}${part}]` : part));
const LABEL = String.raw`(?<![\p{L}])(?:${anyCase(LABELS.join("|"))})(?![\p{L}])`;

/** Label, then a name: with a colon any name words; without one, a name that starts with a given name. */
const LABELLED = new RegExp(
  String.raw`(?<label>${LABEL}\s*(?:(?<colon>[:#=-])\s*)?)(?<name>(?:${CAP_WORD}|${INITIAL}|${LOWER_WORD})(?:,?\s+(?:${CAP_WORD}|${INITIAL}|${LOWER_WORD})){0,3})`,
  "gu",
);

const HONORIFIC = String.raw`(?:(?<![\p{L}])(?:Mr|Mrs|Ms|Mx|Miss|Dr|Drs|Prof|Rev|Sr|Sra|Srta|Sir|Dame)\.?|(?<![\p{L}\p{N}])(?:mr|mrs|dr)\.?|(?<![\p{L}\p{N}])ms\.)`;
const HONORIFIC_NAME = new RegExp(
  String.raw`${HONORIFIC}\s+((?:${CAP_WORD}|${INITIAL}|${LOWER_WORD})(?:\s+(?:${CAP_WORD}|${INITIAL})){0,2})(?![\p{L}])`,
  "gu",
);

/** "Johnathan Doe", "John Q. Public", "JANE ROE": a given name, perhaps a middle initial, a surname. */
const GIVEN_SURNAME = new RegExp(String.raw`${WORD_START}(${CAP_WORD})(\s+${INITIAL})?\s+(${CAP_WORD})${WORD_END}`, "gu");
/** "Doe, Johnathan", "Public, John Q.": a surname, a comma, a given name. */
const SURNAME_GIVEN = new RegExp(String.raw`${WORD_START}(${CAP_WORD}),\s*(${CAP_WORD})(\s+${INITIAL})?${WORD_END}`, "gu");

const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);

/**
 * The words of a candidate name that really are one: they stop at the first lab or everyday word. Without
 * a colon after the label the name must start with a given name ("pt jane roe", not "pt fasting").
 */
function nameAfterLabel(candidate: string, colon: boolean): string {
  const parts = candidate.split(/(,?\s+)/);
  let end = 0;
  for (let index = 0; index < parts.length; index += 2) {
    const word = parts[index];
    const capitalisedName = colon && isCapitalised(word) && isLabelledName(word);
    if (!isWordName(word) && !capitalisedName && !/^\p{Lu}\.?$/u.test(word)) break;
    if (index === 0 && !colon && !isGivenName(word)) break;
    if (index > 0 && isCapitalised(word) !== isCapitalised(parts[0]) && !/^\p{Lu}\.?$/u.test(word)) break;
    end = index + 1;
  }
  return parts.slice(0, end).join("");
}

/** Replaces names found by context (see the module comment). */
export function replaceContextNames(text: string, count: () => void): string {
  const replace = (whole: string, name: string, keep: string) => {
    if (!name) return whole;
    count();
    return `${keep}${NAME_TAG}${whole.slice(keep.length + name.length)}`;
  };
  let current = text.replace(LABELLED, (whole: string, ...rest: unknown[]) => {
    const { label, colon, name } = rest.at(-1) as { label: string; colon?: string; name: string };
    return replace(whole, nameAfterLabel(name, Boolean(colon)), label);
  });
  current = current.replace(HONORIFIC_NAME, (whole, candidate: string) => {
    const name = nameAfterLabel(candidate, true);
    if (!name) return whole;
    count();
    return `${NAME_TAG}${whole.slice(whole.indexOf(candidate) + name.length)}`;
  });
  current = current.replace(GIVEN_SURNAME, (whole, given: string, _middle: string | undefined, surname: string) => {
    if (!isGivenName(given) || !isLabelledName(surname)) return whole;
    count();
    return NAME_TAG;
  });
  current = current.replace(SURNAME_GIVEN, (whole, surname: string, given: string) => {
    if (!isGivenName(given) || !isLabelledName(surname)) return whole;
    count();
    return NAME_TAG;
  });
  return current;
}
