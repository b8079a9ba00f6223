/**
 * Pattern detectors for the HIPAA Safe Harbor identifiers other than names (45 CFR 164.514(b)(2)(i)(B)–(R)):
 * addresses and places smaller than a state, person-related dates and ages over 89, phone and fax numbers,
 * e-mail, SSNs, record, plan, account, licence, vehicle and device numbers, URLs, IP addresses and any other
 * identifying number. Each replaces what it finds with a bracketed tag saying what was there (`[phone]`),
 * keeping the label before it ("MRN: [id]") so a note still reads.
 *
 * Deliberately not matched: dates that are not about the person (a note's "repeated on 01/15/2025" is when
 * the lab worked, and collection dates are results metadata), bare numbers of eight digits or fewer (lab
 * values), and words a lab prints ("Group A", "Type 2").
 */
import { NOT_A_NAME } from "./deidentify-words";

export interface Detector {
  tag: string;
  pattern: RegExp;
  /** Which capture group holds a label to keep in front of the tag ("DOB: "); none when 0. */
  keep?: number;
  /** A final say on a match the pattern alone cannot judge; a match it rejects stays as it was. */
  accept?: (match: string, ...groups: string[]) => boolean;
  /** Writes the replacement itself, or undefined to leave the match as it was (and uncounted). */
  render?: (match: string) => string | undefined;
}

/** Word boundaries that also split on "_" (file-name-like "Doe_MRN88812345"). */
const START = String.raw`(?<![A-Za-z0-9])`;
const END = String.raw`(?![A-Za-z0-9])`;

/** A case-insensitive label in a case-sensitive pattern: "mrn" → "[Mm][Rr][Nn]". */
const anyCase = (pattern: string) => pattern.replace(/\\.|[a-z]/g, (part) => (part.length === 1 ? `[${part.toUpperCase()}${part}]` : part));

const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const DATE = String.raw`(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH},?\s+\d{2,4}|(?:19|20)\d{6})`;
const PERSON_DATE_LABELS = anyCase(
  String.raw`dob|d\.o\.b\.?|date of birth|birth ?date|birthday|born(?: on)?|dod|date of death|died(?: on)?|deceased(?: on)?|expired(?: on)?|doa|admitted(?: on)?|admission(?: date)?|admit date|discharged(?: on)?|discharge(?: date)?|date of admission|date of discharge`,
);

/**
 * Labels of record, plan, account, licence, vehicle, device and other identifying numbers. A strong label
 * may be followed by the number directly ("chart Q7788", "MRN88812345"); a weak one is also an everyday
 * word ("visit", "case", "plate") and counts only with "no", "number", "#" or a colon after it.
 */
const STRONG_ID_LABELS = anyCase(
  [
    String.raw`mrn|mr#|med\.? ?rec(?:ord)?|medical record|chart|patient id|pt id|pid|acct|account|member id|subscriber id|policy|plan id`,
    String.raw`beneficiary id|insurance id|medicaid|medicare|hicn|mbi|accession|passport|licen(?:c|s)e|driver'?s licen(?:c|s)e|npi|dea|vin`,
    String.raw`licen(?:c|s)e plate|serial|s/n|device id|udi|imei|mac address|biometric id|fingerprint id|retina(?:l)? (?:scan )?id|voice ?print id`,
    String.raw`iris scan id|employee id|id|identifier`,
  ].join("|"),
);
const WEAK_ID_LABELS = anyCase(
  String.raw`record|patient|hospital|member|subscriber|group|health plan|beneficiary|insurance|claim|encounter|visit|fin|csn|requisition|specimen|order|case|certificate|cert|plate|registration|reg|vehicle|device|implant|pacemaker|badge|reference|ref|nhs|ni|fingerprint|retina|voiceprint`,
);
const NUMBER_WORD = anyCase(String.raw`\s*(?:number|num|no\.?|nbr|#|id)`);
/** An identifier: letters, digits and inner dashes, slashes or dots, at least three long, with a digit. */
const ID_VALUE = String.raw`[A-Za-z0-9](?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9]))+`;
const isIdValue = (value: string) => value.length >= 3 && /\d/.test(value);

/** Words that cannot be part of a street's name: "2 weeks down the road" is not an address. */
const NOT_STREET_NAME = new Set("the a an of in on to at by for per with and or down up off along across weeks days hours months years times mg ml".split(" "));
const STREET_WORD = String.raw`(?:street|avenue|road|drive|lane|boulevard|court|place|terrace|circle|parkway|highway|square|crescent)`;
const STREET = String.raw`(?:[Ss]treet|[Aa]venue|[Rr]oad|[Dd]rive|[Ll]ane|[Bb]oulevard|[Cc]ourt|[Pp]lace|[Tt]errace|[Cc]ircle|[Pp]arkway|[Hh]ighway|[Ss]quare|[Tt]rail|[Cc]rescent|[Cc]lose|[Gg]ardens|[Ww]ay|St|Ave|Rd|Dr|Ln|Blvd|Ct|Pl|Ter|Cir|Pkwy|Hwy|Sq|Trl|STREET|AVENUE|ROAD|DRIVE|LANE|ST|AVE|RD|DR|LN|BLVD)`;
const UNIT = String.raw`(?:,?\s*(?:[Aa]pt|[Aa]partment|[Ss]uite|[Ss]te|[Uu]nit|[Ff]l(?:oor)?|[Rr]oom|[Rr]m|#)\.?\s*#?\s*[A-Za-z0-9-]+)`;
const STATES = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR";
const ZIP = String.raw`\d{5}(?:-\d{4})?`;
const UK_POSTCODE = String.raw`[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}`;
const PLACE = String.raw`[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}`;
const CITY_STATE_ZIP = String.raw`(?:${PLACE},?\s+)?(?:${STATES})\.?,?\s+${ZIP}`;
/** "221B Baker Street", "153 FERNWOOD DR., Statesville, OH 35292", "12 elm road, Apt 4": capitalised names with any street word, lowercase ones with a full one. */
const STREET_ADDRESS = String.raw`${START}\d{1,6}[A-Za-z]?(?:-\d{1,5})?\s+(?:(?:[A-Z0-9][A-Za-z0-9.'-]*\s+){1,4}${STREET}|(?:[a-z][a-z'-]*\s+){1,3}${STREET_WORD})\.?${END}${UNIT}?(?:,?\s+(?:${CITY_STATE_ZIP}|${PLACE}(?:,?\s+${UK_POSTCODE})?|${UK_POSTCODE}))?`;

const FACILITY_WORDS = String.raw`Hospital|Clinic|Medical Cent(?:er|re)|Health Cent(?:er|re)|Health System|Healthcare|Infirmary|Laboratory|Laboratories|Diagnostics|Medical Group|Nursing Home|Care Home|Hospice|Urgent Care|Surgery Cent(?:er|re)|Health Partners|Medical Associates`;
const PROPER = String.raw`(?:St\.?\s+)?[A-Z][A-Za-z'’&.-]+`;
/** Words that place a facility ("City General Hospital"): part of its name, never stripped from it. */
const PLACE_WORDS = new Set(["city", "county", "state", "town", "university", "general", "central", "regional", "community"]);
const FACILITY_WORD = new RegExp(String.raw`^(?:${FACILITY_WORDS})`);

/**
 * "Mercy General Hospital" → "[facility]"; "Negative Mercy General Hospital" keeps "Negative", and a clinic
 * named for what it treats ("Lipid Clinic", "Reference Laboratory") is no identifier at all.
 */
function facility(match: string): string | undefined {
  const parts = match.split(/(\s+)/);
  let first = 0;
  const generic = (word: string) => {
    const plain = word.toLowerCase().replace(/[^a-z]/g, "");
    return NOT_A_NAME.has(plain) && !PLACE_WORDS.has(plain);
  };
  while (first < parts.length && !FACILITY_WORD.test(parts.slice(first).join("")) && generic(parts[first])) first += 2;
  const name = parts.slice(first).join("");
  if (FACILITY_WORD.test(name)) return undefined;
  return `${parts.slice(0, first).join("")}[facility]`;
}

const TLDS = "com|org|net|edu|gov|mil|int|io|info|biz|health|care|us|uk|ca|au|de|fr|nl|in|co|me|ly|app|dev";

export const DETECTORS: Detector[] = [
  // URLs and e-mail first: they carry names and numbers the later detectors would take apart.
  { tag: "[url]", pattern: /(?<![\w@])(?:(?:https?|ftp|sftp):\/\/|www\.)[^\s<>"'()]*[^\s<>"'().,;:!?]/gi },
  // Starts only where a run of address characters starts: tried from inside a long run ("........"), the
  // pattern would rescan the rest of the run from every position, quadratic in its length.
  { tag: "[email]", pattern: /(?<![\w.+%-])[\w.+%-]+@[\w-]+(?:\.[\w-]+)+/g },
  { tag: "[url]", pattern: new RegExp(String.raw`(?<![\w@.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:${TLDS})(?:\/[^\s<>"'()]*[^\s<>"'().,;:!?])?(?![\w-])`, "gi") },
  // IP and MAC addresses: device and network identifiers.
  { tag: "[ip]", pattern: /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])/g },
  { tag: "[ip]", pattern: /(?<![\w:])(?=[0-9a-f:]*[a-f])(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?(?![\w:])/gi },
  { tag: "[id]", pattern: /(?<![\w:-])[0-9A-F]{2}(?:[:-][0-9A-F]{2}){5}(?![\w:-])/gi },
  // Dates about the person (birth, death, admission, discharge), keeping the label.
  { tag: "[date]", keep: 1, pattern: new RegExp(String.raw`${START}((?:${PERSON_DATE_LABELS})\s*[:#]?\s*)${DATE}`, "g") },
  // Ages over 89 identify (164.514(b)(2)(i)(C)): they become "[age 90+]".
  {
    tag: "[age 90+]",
    pattern: new RegExp(
      String.raw`${START}(?:(?:${anyCase("age|aged")})\s*:?\s*(?:9\d|1[0-2]\d)(?:\s*(?:${anyCase("years old|years|yrs|yr|y/o|yo|y")}))?|(?:9\d|1[0-2]\d)\s*(?:${anyCase("-year-old|-yr-old|year-old|years old|year old|yrs old|y/o|yo")}))${END}`,
      "g",
    ),
  },
  // Social security numbers, with or without their label.
  { tag: "[id]", pattern: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g },
  { tag: "[id]", keep: 1, pattern: new RegExp(String.raw`${START}((?:${anyCase("ssn|social security(?: number| no\\.?)?|ss#")})\s*[:#]?\s*)\d{3}[\s.]?\d{2}[\s.]?\d{4}${END}`, "g") },
  // Labelled identifiers: "MRN: CGH-2026-04521", "chart Q7788", "MRN88812345", "policy # XYZ123456".
  {
    tag: "[id]",
    keep: 1,
    pattern: new RegExp(String.raw`${START}((?:${STRONG_ID_LABELS})(?:${NUMBER_WORD})?\s*[:#=]?\s*(?:#\s*)?)(${ID_VALUE})${END}`, "g"),
    accept: (_match, _label, value) => isIdValue(value),
  },
  {
    tag: "[id]",
    keep: 1,
    pattern: new RegExp(String.raw`${START}((?:${WEAK_ID_LABELS})(?:${NUMBER_WORD}\s*[:#=]?|\s*[:#=])\s*(?:#\s*)?)(${ID_VALUE})${END}`, "g"),
    accept: (_match, _label, value) => isIdValue(value),
  },
  // Phone and fax numbers: labelled, North American, international; an extension goes with them.
  {
    tag: "[phone]",
    keep: 1,
    pattern: new RegExp(
      String.raw`${START}((?:${anyCase("phone|ph|tel|telephone|cell|mobile|mob|fax|pager|beeper|contact|call(?:ed)?(?: at| on)?|text")})\.?\s*[:#]?\s*)\+?\(?\d[\d\s().-]{5,}\d(?:\s*(?:x|ext\.?)\s*\d{1,5})?`,
      "g",
    ),
    accept: (match) => match.replace(/\D/g, "").length >= 7,
  },
  { tag: "[phone]", pattern: /(?<![\w+-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s*(?:x|ext\.?)\s*\d{1,5})?(?![\w-])/g },
  { tag: "[phone]", pattern: /(?<![\w+])\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}(?![\w-])/g },
  // Addresses: street addresses, post boxes, apartments, city-state-ZIP, postcodes and labelled places.
  { tag: "[address]", pattern: new RegExp(STREET_ADDRESS, "g"), accept: (match) => !match.split(/\s+/).some((word) => NOT_STREET_NAME.has(word.toLowerCase())) },
  { tag: "[address]", pattern: new RegExp(String.raw`${START}(?:${anyCase("p\\.?\\s?o\\.?\\s*box|post office box")})\s*#?\s*\d+(?:,?\s+(?:${CITY_STATE_ZIP}))?`, "g") },
  { tag: "[address]", pattern: new RegExp(String.raw`${START}(?:[Aa]pt|[Aa]partment|[Ss]uite|[Uu]nit)\.?\s*#?\s*\d+[A-Za-z]?${END}`, "g") },
  { tag: "[address]", pattern: new RegExp(String.raw`${START}${CITY_STATE_ZIP}${END}`, "g") },
  { tag: "[address]", keep: 1, pattern: new RegExp(String.raw`${START}((?:${anyCase("zip|zip code|zipcode|postal code|postcode")})\s*[:#]?\s*)(?:${ZIP}|${UK_POSTCODE})${END}`, "g") },
  { tag: "[address]", pattern: new RegExp(String.raw`(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}(?![A-Za-z0-9])`, "g") },
  // Facilities: proper nouns before a facility word ("Mercy General Hospital", "Quest Diagnostics") or after "X of".
  { tag: "[facility]", pattern: new RegExp(String.raw`(?<![A-Za-z])(?:${PROPER}\s+){1,4}(?:${FACILITY_WORDS})(?:\s+of\s+(?:the\s+)?${PLACE})?(?![A-Za-z])`, "g"), render: facility },
  { tag: "[facility]", pattern: new RegExp(String.raw`(?<![A-Za-z])(?:${FACILITY_WORDS})\s+of\s+(?:the\s+)?${PLACE}(?![A-Za-z])`, "g") },
  // Places after a phrase that says one follows ("lives in Springfield") or a label with a colon ("City: Springfield").
  {
    tag: "[address]",
    keep: 1,
    pattern: new RegExp(
      String.raw`${START}((?:${anyCase("lives at|living at|resides at|residing at|lives in|living in|resides in|resident of")}\s*:?|(?:${anyCase("address|addr|home address|city|town|county|village|neighbou?rhood")})\s*[:#])\s*)(?:${PLACE}(?![A-Za-z])|\d[^;.\n]*?(?=[;.\n]|$))`,
      "g",
    ),
  },
];

/**
 * Numbers that identify by being unique (164.514(b)(2)(i)(R)) even without a label: a token of letters and
 * at least five digits in a row ("A1234567"), or a run of nine or more digits. Applied after names, last.
 */
export const UNLABELLED_IDS: Detector[] = [
  { tag: "[id]", pattern: /(?<![\w.])[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){5,}(?![\w.])/g, accept: (match) => /[A-Za-z]/.test(match) && /\d{5}/.test(match) },
  { tag: "[id]", pattern: /(?<![\d.,])\d{9,}(?![\d.,])/g },
];

/** Runs detectors in order over `text`, counting each replacement. */
export function applyDetectors(text: string, detectors: readonly Detector[], count: () => void): string {
  let current = text;
  for (const { tag, pattern, keep, accept, render } of detectors) {
    current = current.replace(pattern, (match: string, ...rest: unknown[]) => {
      const groups = rest.slice(0, -2).map((group) => (typeof group === "string" ? group : ""));
      if (accept && !accept(match, ...groups)) return match;
      const replacement = render ? render(match) : `${keep ? groups[keep - 1] : ""}${tag}`;
      if (replacement === undefined) return match;
      count();
      return replacement;
    });
  }
  return current;
}
