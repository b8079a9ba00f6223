/**
 * The patient's sex and age as a lab file states them (HL7 PID-7/PID-8, a FHIR Patient, a printed
 * "Age/Sex: 45 Y / Male" line), so the engine can pick sex-specific ranges and compute eGFR. Only sex and
 * age in whole years at collection leave lib/ingest; birth dates are read here and never returned
 * (minimum necessary). Anything unclear — "other"/"unknown" sex, a partial birth date that leaves the age
 * ambiguous, two patients who disagree — is left out rather than guessed.
 */
import { parseDate } from "./dates";
import type { ExtractedPatient, ExtractionResult } from "./types";

export type Sex = NonNullable<ExtractedPatient["sex"]>;

/** A birth date as far as the source gave it: a year, a year and month, or a full date. */
export interface BirthDate {
  year: number;
  month?: number;
  day?: number;
  /** The other reading of a printed date that works both ways ("04/12/1961": 12 April or 4 December). */
  or?: BirthDate;
}

/** What one place in a file says about the patient. Internal to lib/ingest: it may hold a birth date. */
export interface PatientClues {
  sex?: Sex;
  birthDate?: BirthDate;
  /** An age printed on the report (in whole years), used when no birth date gives one. */
  statedAge?: number;
}

interface Day {
  year: number;
  month: number;
  day: number;
}

const MAX_AGE = 120;

/** HL7 table 0001 (F, M), FHIR AdministrativeGender (female, male) and the words reports print. */
export function readSex(raw: string | undefined): Sex | undefined {
  const said = raw?.trim().toLowerCase();
  if (said === "f" || said === "female" || said === "woman") return "female";
  if (said === "m" || said === "male" || said === "man") return "male";
  return undefined; // O, U, A, N, "other", "unknown": not a sex the engine can use
}

const isRealDay = ({ year, month, day }: Day) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/**
 * A birth date as HL7 (YYYY[MM[DD[HHMM…]]]), FHIR (YYYY, YYYY-MM, YYYY-MM-DD) or a printed report
 * ("04/12/1961", "2 April 1961") writes it. A time after the date is ignored: the calendar date as
 * written is the birthday.
 */
export function readBirthDate(raw: string | undefined): BirthDate | undefined {
  const text = raw?.trim() ?? "";
  if (text === "") return undefined;
  const compact = /^(\d{4})(?:(\d{2})(\d{2})?)?(?:\d{2,6}(?:\.\d+)?)?(?:[+-]\d{4})?$/.exec(text);
  const dashed = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$/.exec(text);
  const parts = compact ?? dashed;
  let birth: BirthDate | undefined;
  if (parts) {
    birth = { year: Number(parts[1]), ...(parts[2] ? { month: Number(parts[2]) } : {}), ...(parts[3] ? { day: Number(parts[3]) } : {}) };
    // "1961T…" or a time after a bare year is not a date.
    if (birth.month === undefined && text.length > 4) return undefined;
  } else {
    const written = parseDate(text);
    if (!written) return undefined;
    birth = { year: Number(written.slice(0, 4)), month: Number(written.slice(5, 7)), day: Number(written.slice(8, 10)) };
  }
  if (birth.year < 1800 || (birth.month !== undefined && (birth.month < 1 || birth.month > 12))) return undefined;
  if (birth.day !== undefined && !isRealDay(birth as Day)) return undefined;
  return birth;
}

/**
 * The calendar day a date was written for, in the writer's own zone: "20141006062700+0700" is
 * 6 October 2014 even though it is 5 October in UTC.
 */
export function calendarDay(raw: string | undefined): Day | undefined {
  const text = raw?.trim() ?? "";
  const written = /^(\d{4})-(\d{2})-(\d{2})/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})/.exec(text);
  const iso = written ? parseDate(`${written[1]}-${written[2]}-${written[3]}`) : parseDate(text);
  if (!iso) return undefined;
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

const compareDays = (a: Day, b: Day) => a.year - b.year || a.month - b.month || a.day - b.day;

/** Whole years from one exact birthday to a day; the birthday counts once its month and day are reached. */
function yearsBetween(birth: Day, on: Day): number {
  const reached = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (reached ? 0 : 1);
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Age in whole years on a day, or undefined when it cannot be known: a partial birth date ("1961",
 * "1961-04") counts only when every day it could stand for gives the same age. Someone born on 29
 * February has their birthday on 1 March in a common year (the day after 28 February). A printed date
 * that reads both ways counts only when both readings give the same age.
 */
export function ageOn(birth: BirthDate, on: Day): number | undefined {
  const age = ageOnOneReading(birth, on);
  if (!birth.or) return age;
  return age === ageOnOneReading(birth.or, on) ? age : undefined;
}

function ageOnOneReading(birth: BirthDate, on: Day): number | undefined {
  const earliest: Day = { year: birth.year, month: birth.month ?? 1, day: birth.day ?? 1 };
  const latestMonth = birth.month ?? 12;
  const latest: Day = { year: birth.year, month: latestMonth, day: birth.day ?? daysInMonth(birth.year, latestMonth) };
  if (compareDays(latest, on) > 0) return undefined; // born after the sample was taken: bad data
  const oldest = yearsBetween(earliest, on);
  const youngest = yearsBetween(latest, on);
  if (oldest !== youngest || oldest < 0 || oldest > MAX_AGE) return undefined;
  return oldest;
}

/** The latest day among dates as written; undefined when none can be read. */
export function latestDay(dates: readonly (string | undefined)[]): Day | undefined {
  let latest: Day | undefined;
  for (const date of dates) {
    const day = calendarDay(date);
    if (day && (!latest || compareDays(day, latest) > 0)) latest = day;
  }
  return latest;
}

const sameBirthDate = (a: BirthDate | undefined, b: BirthDate | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.year === b.year && a.month === b.month && a.day === b.day && sameBirthDate(a.or, b.or);

/** One view of the patient from many places in a file; a fact two places disagree on is dropped. */
export function mergeClues(all: readonly PatientClues[]): { clues: PatientClues; conflicts: string[] } {
  const clues: PatientClues = {};
  const conflicts: string[] = [];
  const sexes = new Set(all.flatMap((clue) => (clue.sex ? [clue.sex] : [])));
  if (sexes.size === 1) clues.sex = [...sexes][0];
  if (sexes.size > 1) conflicts.push("sex");
  const births = all.flatMap((clue) => (clue.birthDate ? [clue.birthDate] : []));
  if (births.length > 0 && births.every((birth) => sameBirthDate(birth, births[0]))) clues.birthDate = births[0];
  if (births.length > 0 && !clues.birthDate) conflicts.push("birth date");
  const ages = new Set(all.flatMap((clue) => (clue.statedAge === undefined ? [] : [clue.statedAge])));
  if (ages.size === 1) clues.statedAge = [...ages][0];
  if (ages.size > 1) conflicts.push("age");
  return { clues, conflicts };
}

/**
 * Sex and age for the result. Age is computed from the birth date at the latest date of the first group
 * of dates that has one — collection dates first, then report dates — and never against today; with no
 * usable birth date or date, an age printed on the report is used; otherwise age is left out.
 */
export function summarisePatient(clues: PatientClues, ...dateGroups: readonly (readonly (string | undefined)[])[]): ExtractedPatient | undefined {
  const patient: ExtractedPatient = {};
  if (clues.sex) patient.sex = clues.sex;
  let age: number | undefined;
  if (clues.birthDate) {
    const on = dateGroups.map(latestDay).find((day) => day !== undefined);
    if (on) age = ageOn(clues.birthDate, on);
  }
  age ??= clues.statedAge;
  if (age !== undefined) patient.age = age;
  return patient.sex || patient.age !== undefined ? patient : undefined;
}

/**
 * Sets `result.patient` from what the file said, measuring age at the analytes' dates (collection, else
 * the report date they fell back to), else at the first group of `fallbackDates` that has a date (report
 * dates, in order of preference). Disagreements become a warning.
 */
export function applyPatient(result: ExtractionResult, found: readonly PatientClues[], ...fallbackDates: readonly (readonly (string | undefined)[])[]): void {
  if (found.length === 0) return;
  const { clues, conflicts } = mergeClues(found);
  if (conflicts.length > 0) {
    result.warnings.push(`the file gives more than one patient ${conflicts.join(" and ")}, so Labwise left ${conflicts.length === 1 ? "it" : "them"} out`);
  }
  const collected = [...result.analytes.map((analyte) => analyte.date), ...(result.microbiology ?? []).map((culture) => culture.observedAt)];
  const patient = summarisePatient(clues, collected, ...fallbackDates);
  if (patient) result.patient = patient;
}

// ---------------------------------------------------------------------------------------------------------
// Printed and scanned reports: labelled lines only.

const AGE_VALUE = String.raw`(?<years>\d{1,3})\s*(?:(?<yearUnit>years?|yrs?|y\.?o\.?|y)(?:\s*\d{1,2}\s*(?:months?|mths?|mos?|m)(?![a-z]))?(?:\s*\d{1,2}\s*(?:days?|d)(?![a-z]))?|(?<monthUnit>months?|mths?|mos?)|(?<weekUnit>weeks?|wks?)|(?<dayUnit>days?))?(?![a-z\d.])(?!\s*(?:-|–|—|to)\s*\d)`;
/** "Other", "Unknown" and the like are matched so that the age beside them still reads; readSex drops them. */
const SEX_VALUE = String.raw`(?<sex>female|male|woman|man|other|unknown|unspecified|undetermined|indeterminate|intersex|f|m|o|u|x)(?![a-z])(?!\s*[/|]\s*(?:female|male|f|m)(?![a-z]))`;
const SEX_LABEL = String.raw`(?:sex|gender)`;
const SEPARATOR = String.raw`(?:\s*[/|,]\s*|\s+)`;
/** A label starts a cell: the start of the line or after a space, never inside a word ("Page", "Stage"). */
const START = String.raw`(?:^|(?<=[\s(|,;]))`;

const PATTERNS = {
  ageThenSex: new RegExp(String.raw`${START}age\s*[/&]\s*${SEX_LABEL}\s*:\s*${AGE_VALUE}${SEPARATOR}${SEX_VALUE}`, "i"),
  sexThenAge: new RegExp(String.raw`${START}${SEX_LABEL}\s*[/&]\s*age\s*:\s*${SEX_VALUE}${SEPARATOR}${AGE_VALUE}`, "i"),
  age: new RegExp(String.raw`${START}(?:patient(?:'s)?\s+)?age(?:\s*\((?:years|yrs)\))?\s*:\s*${AGE_VALUE}`, "i"),
  sex: new RegExp(String.raw`${START}(?:patient(?:'s)?\s+)?${SEX_LABEL}\s*:\s*${SEX_VALUE}`, "i"),
  birthDate: /(?:^|(?<=[\s(|,;]))(?:DOB|D\.O\.B\.?|date of birth|birth\s?date)\s*[:#]?\s*(?<date>\S.*?)(?=\s{2,}|\s+\||$)/i,
};

/** Years from a matched age: "45 Y", "45 Years 3 M", "18 Months" (1), "3 weeks" (0). Undefined past 120. */
function yearsOf(groups: Record<string, string | undefined>): number | undefined {
  const value = Number(groups.years);
  const years = groups.monthUnit ? Math.floor(value / 12) : groups.weekUnit ? Math.floor((value * 7) / 365.25) : groups.dayUnit ? Math.floor(value / 365.25) : value;
  return Number.isInteger(years) && years >= 0 && years <= MAX_AGE ? years : undefined;
}

/**
 * The longest run of leading words that reads as a full birth date: "04/12/1961 (63 Y)" → 1961-04-12.
 * "04/12/1961" is read month-first as elsewhere in Labwise, keeping 4 December as the other reading.
 */
function birthDateAt(text: string): BirthDate | undefined {
  const words = text.trim().split(/\s+/);
  for (let count = Math.min(words.length, 4); count > 0; count -= 1) {
    const candidate = words.slice(0, count).join(" ").replace(/[,;]$/, "");
    const birth = readBirthDate(candidate);
    if (birth?.day === undefined) continue; // a bare "1961" on a printed line is too easily something else
    const both = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(candidate);
    if (both && Number(both[1]) <= 12 && Number(both[2]) <= 12 && Number(both[1]) !== Number(both[2])) {
      return { ...birth, or: { year: birth.year, month: Number(both[2]), day: Number(both[1]) } };
    }
    return birth;
  }
  return undefined;
}

/** What one printed line says about the patient, or undefined when it says nothing clearly. */
function cluesFromLine(line: string): PatientClues | undefined {
  const clues: PatientClues = {};
  const pair = PATTERNS.ageThenSex.exec(line) ?? PATTERNS.sexThenAge.exec(line);
  if (pair?.groups) {
    const age = yearsOf(pair.groups);
    const sex = readSex(pair.groups.sex);
    if (age !== undefined) clues.statedAge = age;
    if (sex) clues.sex = sex;
  } else {
    const age = PATTERNS.age.exec(line)?.groups;
    const sex = PATTERNS.sex.exec(line)?.groups;
    const years = age ? yearsOf(age) : undefined;
    if (years !== undefined) clues.statedAge = years;
    const said = readSex(sex?.sex);
    if (said) clues.sex = said;
  }
  const written = PATTERNS.birthDate.exec(line)?.groups?.date;
  const birthDate = written ? birthDateAt(written) : undefined;
  if (birthDate) clues.birthDate = birthDate;
  return Object.keys(clues).length > 0 ? clues : undefined;
}

/**
 * Clues from the lines of a printed or scanned report. Only clearly labelled values count: "Age/Sex: 45 Y
 * / Male", "Sex/Age: F/45", "Age: 45 Years", "Sex: F", "Gender: Female", "DOB: 1961-04-02".
 */
export function cluesFromText(lines: readonly string[]): PatientClues[] {
  return lines.flatMap((line) => {
    const clues = cluesFromLine(line);
    return clues ? [clues] : [];
  });
}

// ---------------------------------------------------------------------------------------------------------
// The patient context the engine reads (lib/clinical/patient.ts), as the pipeline stores it.

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** The strings of a context's list; a single string counts as a list of one. */
const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === "string" ? [value] : []).filter((item): item is string => typeof item === "string" && item.trim() !== "");

/**
 * The lab's patient context with the file's age and sex added where the context has none — what a
 * partner sent always wins — and the file's conditions and medications added to the partner's (a union,
 * compared without case, the partner's wording first). `gender` is not added when the context already
 * says `sex` (the engine reads `gender ?? sex`, so adding one would override the other). Returns
 * undefined when nothing changes, including for a context that is not an object.
 */
export function mergePatientContext(context: unknown, patient: ExtractedPatient | undefined): Record<string, unknown> | undefined {
  if (!patient) return undefined;
  if (context !== null && context !== undefined && (typeof context !== "object" || Array.isArray(context))) return undefined;
  const merged: Record<string, unknown> = { ...((context ?? {}) as Record<string, unknown>) };
  let changed = false;
  if (patient.age !== undefined && isEmpty(merged.age)) {
    merged.age = String(patient.age);
    changed = true;
  }
  if (patient.sex && isEmpty(merged.gender) && isEmpty(merged.sex)) {
    merged.gender = patient.sex;
    changed = true;
  }
  for (const key of ["conditions", "medications"] as const) {
    const sent = listOf(merged[key]);
    const known = new Set(sent.map((item) => item.trim().toLowerCase()));
    const added = (patient[key] ?? []).filter((item) => !known.has(item.trim().toLowerCase()) && known.add(item.trim().toLowerCase()));
    if (added.length > 0) {
      merged[key] = [...sent, ...added];
      changed = true;
    }
  }
  return changed ? merged : undefined;
}
