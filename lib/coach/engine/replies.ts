/**
 * The deterministic replies: the member's facts written out with the profile's tone and reading level. Every
 * number comes from `MemberFacts`; every medical statement is a finding's statement or the catalogue's
 * explanation, cited with the sources it carries, numbered as the lab narratives number them (seed 001).
 * Strings from a lab file or a partner (analyte names, text results, the profile's own messages) are escaped.
 */
import { CATALOGUE } from "../../clinical/catalogue";
import { Citations, cited } from "../../clinical/narrative/citations";
import { escapeMarkdown } from "../../clinical/narrative/escape";
import { withUnit } from "../../clinical/rules/format";
import { SOURCES, type SourceId } from "../../clinical/sources";
import type { CoachPersona, MemberFacts, MemberFinding, MemberResult, MemberTrend, ReadingLevel } from "../types";
import { GENERIC_QUESTIONS, TONES, type ToneWords } from "./templates";

const DEFINITIONS = new Map(CATALOGUE.map((d) => [d.code, d]));

export interface Writer {
  persona: CoachPersona;
  facts: MemberFacts;
  words: ToneWords;
  level: ReadingLevel;
  citations: Citations;
  /** Findings already written in this reply: a finding about two of the results asked about is said once. */
  said: Set<MemberFinding>;
}

export function writer(persona: CoachPersona, facts: MemberFacts): Writer {
  return { persona, facts, words: TONES[persona.tone], level: persona.readingLevel, citations: new Citations(), said: new Set() };
}

/** Sentences joined into one paragraph, empty ones dropped. */
export const paragraph = (...sentences: (string | undefined | false)[]) => sentences.filter(Boolean).join(" ");

const known = (sources: readonly string[]): SourceId[] => sources.filter((id): id is SourceId => Object.hasOwn(SOURCES, id));

/** A finding's statement, with its citation markers unless the profile gathers them at the end of the reply. */
export function statement(w: Writer, s: { text: string; sources: string[] }): string {
  if (w.persona.citationPolicy !== "end-of-reply") return cited(w.citations, s.text, known(s.sources));
  w.citations.cite(known(s.sources));
  return s.text;
}

/** What a result is called at the profile's reading level: the patient's name, with the clinical one when detailed. */
export function nameOf(w: Writer, code: string, fallback: string): string {
  const def = DEFINITIONS.get(code);
  if (!def) return escapeMarkdown(fallback);
  if (w.level === "plain") return escapeMarkdown(def.patientName.replace(/\s*\([^)]*\)\s*$/, "")).toLowerCase();
  if (w.level === "detailed") return escapeMarkdown(midSentence(def.patientName.includes(def.name) ? def.patientName : `${def.patientName}, ${def.name}`));
  return escapeMarkdown(midSentence(def.patientName));
}

/** "ferritin", "LDL cholesterol": the catalogue's name as it reads mid-sentence. */
export function shortName(code: string): string {
  return escapeMarkdown(midSentence(DEFINITIONS.get(code)?.name ?? code));
}

/** "an" before a vowel sound: a vowel, or an initialism read letter by letter ("an LDL", "an eGFR"). */
const article = (word: string) => (/^[aeiou]/i.test(word) || /^(?:[FHLMNRSX][A-Z]|e[A-Z])/.test(word) ? "an" : "a");

/** A name as it reads mid-sentence: "Average blood sugar" → "average blood sugar"; "LDL" and "eGFR" stay. */
const midSentence = (name: string) => (/^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name);

const day = (at: string | null) => (at ? at.slice(0, 10) : undefined);

export function valueText(r: Pick<MemberResult, "value" | "valueText" | "unit">): string {
  if (r.value !== null) return withUnit(r.value, r.unit ?? "", 2);
  return r.valueText ? escapeMarkdown(r.valueText) : "no value";
}

function rangeSentence(w: Writer, r: MemberResult): string | undefined {
  const unit = r.unit ?? "";
  const { referenceLow: low, referenceHigh: high } = r;
  const what = w.level === "plain" ? "The usual range is" : w.level === "detailed" ? "The reference interval is" : "The lab's usual range is";
  if (low !== null && high !== null) return `${what} ${withUnit(low, unit, 2).replace(/ .*$/, "")} to ${withUnit(high, unit, 2)}.`;
  if (low !== null) return `${what} ${withUnit(low, unit, 2)} or more.`;
  if (high !== null) return `${what} ${withUnit(high, unit, 2)} or less.`;
  return undefined;
}

function flagSentence(w: Writer, flag: string | null): string {
  switch (flag) {
    case "Normal":
      return w.words.inRange;
    case "High":
      return w.words.high;
    case "Low":
      return w.words.low;
    case "Critical":
      return w.words.critical;
    case "Abnormal":
      return w.words.abnormal;
    default:
      return w.words.unplaced;
  }
}

export const findingsFor = (facts: MemberFacts, code: string): MemberFinding[] => facts.findings.filter((f) => f.analytes.includes(code));

/** One result: its value and date, whether it is in range, what it means (catalogue and findings) and what to ask. */
export function resultLines(w: Writer, r: MemberResult): string[] {
  const name = nameOf(w, r.code, r.name);
  const when = day(r.observedAt);
  const lines = [paragraph(`Your ${name} was **${valueText(r)}**${when ? ` on ${when}` : ""}.`, flagSentence(w, r.flag), rangeSentence(w, r))];
  const def = DEFINITIONS.get(r.code);
  if (def && w.level !== "plain") lines.push(def.explanation);
  for (const finding of findingsFor(w.facts, r.code)) {
    if (w.said.has(finding)) continue;
    w.said.add(finding);
    const sentences = finding.patient.map((s) => statement(w, s));
    if (w.level === "plain") lines.push(sentences.slice(0, 2).join(" "));
    else lines.push(sentences.join(" "));
    if (w.level === "detailed" && finding.clinician?.length) lines.push(`*For your clinician:* ${finding.clinician.map((s) => statement(w, s)).join(" ")}`);
    if (finding.ask) lines.push(`**${w.words.askLead}** ${finding.ask}`);
  }
  return lines;
}

export function missingLine(w: Writer, code: string): string {
  const name = shortName(code);
  const have = w.facts.results.filter((r) => DEFINITIONS.has(r.code)).slice(0, 4).map((r) => shortName(r.code));
  return paragraph(
    w.words.missingLead,
    `I don't see ${article(name)} ${name} result on file.`,
    have.length ? `The results I can see include ${list(have)}.` : "I don't see any results on file yet.",
    w.level === "plain" ? "I can only talk about tests you have had." : "I can only speak about results that are in your ready lab reports, so I won't guess a value.",
  );
}

export function trendLine(w: Writer, t: MemberTrend): string {
  const name = nameOf(w, t.code, t.name);
  const direction = t.direction === "up" ? w.words.up : t.direction === "down" ? w.words.down : w.words.unchanged;
  const from = `${withUnit(t.previous, t.unit, 2)}${day(t.previousAt) ? ` on ${day(t.previousAt)}` : ""}`;
  const to = `${withUnit(t.current, t.unit, 2)}${day(t.currentAt) ? ` on ${day(t.currentAt)}` : ""}`;
  const now = w.facts.results.find((r) => r.code === t.code);
  if (w.level === "plain") return paragraph(`Your ${name} ${direction}.`, `It was ${from}.`, `Now it is ${to}.`, now && flagSentence(w, now.flag));
  return paragraph(`Your ${name} ${direction}, from ${from} to ${to}.`, now && flagSentence(w, now.flag), now && rangeSentence(w, now));
}

export const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/** The results at a critical level, and the findings the engine marked critical. */
export function criticalOnFile(facts: MemberFacts): MemberResult[] {
  const codes = new Set(facts.findings.filter((f) => f.severity === "critical").flatMap((f) => f.analytes));
  return facts.results.filter((r) => r.flag === "Critical" || codes.has(r.code));
}

/** The questions for the clinician the findings stored, else the generic ones. */
export function clinicianQuestions(facts: MemberFacts): string[] {
  const asks = [...new Set(facts.findings.flatMap((f) => (f.ask ? [f.ask] : [])))];
  return asks.length ? asks : GENERIC_QUESTIONS;
}
