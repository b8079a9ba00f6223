/**
 * What the coach says (issue 14, DESIGN §5.2): the greeting and each reply, grounded only in the member's own
 * ready results (`MemberFacts`) and the findings' cited statements. Deterministic by default — intent recognition
 * (`intents.ts`), then the facts written with the profile's tone and reading level (`replies.ts`,
 * `templates.ts`) — so it works offline and in tests. Emergencies come first, per the profile's guardrails;
 * dosing, diagnosis, prescriptions and the profile's declined topics are declined with its clinician referral.
 * When a language model is configured (`llm.ts`) it may re-phrase an answer about results, and its answer is
 * sent only when every number and citation in it comes from the facts it was handed.
 */
import { CATALOGUE } from "../../clinical/catalogue";
import { escapeMarkdown } from "../../clinical/narrative/escape";
import type { CoachIntent, CoachPersona, CoachReply, MemberFacts } from "../types";
import { type Emergency, normalise, recognise, type Recognised } from "./intents";
import { llmSettings, phraseWithModel, type LlmSettings } from "./llm";
import {
  clinicianQuestions,
  criticalOnFile,
  findingsFor,
  list,
  missingLine,
  nameOf,
  paragraph,
  resultLines,
  statement,
  trendLine,
  valueText,
  writer,
  type Writer,
} from "./replies";
import { CRISIS_LINE, EMERGENCY_NUMBERS, NOT_A_DIAGNOSIS } from "./templates";

export { recognise } from "./intents";

const DEFINED = new Set(CATALOGUE.map((d) => d.code));

function reply(w: Writer, intent: CoachIntent, lines: (string | undefined | false)[]): CoachReply {
  const citations = w.citations.toJSON();
  const numbers = Object.keys(citations);
  // An end-of-reply profile names every source once, after the answer; inline ones already carry the markers.
  const sources = w.persona.citationPolicy === "end-of-reply" && numbers.length ? `Sources: ${numbers.map((n) => `[${n}]`).join(" ")}` : undefined;
  return { markdown: [...lines, sources].filter((l): l is string => Boolean(l)).join("\n\n"), citations, intent };
}

/** The profile's emergency message and the numbers to call: said before anything else. */
function emergencyLines(persona: CoachPersona, emergency?: Emergency): string[] {
  return [`**${escapeMarkdown(persona.guardrails.emergencyMessage)}**`, emergency === "suicidal" ? `${CRISIS_LINE} ${EMERGENCY_NUMBERS}` : EMERGENCY_NUMBERS];
}

/** A critical value on file: the guardrail first, naming the value as the lab reported it. */
function criticalLines(w: Writer): string[] {
  const critical = criticalOnFile(w.facts);
  if (!critical.length) return [];
  const values = critical.map((r) => `${nameOf(w, r.code, r.name)} ${valueText(r)}`);
  return [
    `**${escapeMarkdown(w.persona.guardrails.emergencyMessage)}**`,
    paragraph(
      `${critical.length === 1 ? "One of your results is" : `${critical.length} of your results are`} at a level labs report to a doctor right away: ${list(values)}.`,
      "Please contact your care team today.",
      EMERGENCY_NUMBERS.replace("If this is happening now", "If you feel unwell"),
    ),
  ];
}

const reports = (facts: MemberFacts) => facts.labReports ?? new Set([...facts.results, ...facts.findings].map((x) => x.labResultId)).size;

/** What is on file, in one sentence. */
function onFile(facts: MemberFacts): string {
  const n = reports(facts);
  if (!n) return "None of your lab reports is ready yet. When one is, I can explain your results.";
  return `I can see ${n === 1 ? "1 of your lab reports" : `${n} of your lab reports`}, with ${facts.results.length === 1 ? "1 result" : `${facts.results.length} results`}.`;
}

/** The greeting: the profile's own, what is on file, and a critical value's guardrail before both. */
export function coachGreeting(profile: CoachPersona, facts: MemberFacts): CoachReply {
  const w = writer(profile, facts);
  return reply(w, "greeting", [...criticalLines(w), escapeMarkdown(profile.greeting), onFile(facts)]);
}

function overview(w: Writer): string[] {
  const lines = [onFile(w.facts)];
  const outside = w.facts.results.filter((r) => r.flag && r.flag !== "Normal" && r.flag !== "Indeterminate");
  const normal = w.facts.results.filter((r) => r.flag === "Normal").length;
  if (w.facts.results.length) {
    lines.push(
      outside.length
        ? paragraph(`${normal} ${normal === 1 ? "is" : "are"} in the usual range.`, `${outside.length} ${outside.length === 1 ? "is" : "are"} outside it: ${list(outside.map((r) => `${nameOf(w, r.code, r.name)} (${valueText(r)})`))}.`)
        : "All of the ones that could be compared are in the usual range.",
    );
  }
  for (const finding of w.facts.findings.filter((f) => f.severity !== "info").slice(0, 4)) {
    lines.push(`**${finding.patientTitle ?? finding.title}.** ${statement(w, finding.patient[0] ?? { text: "", sources: [] })}`.trim());
  }
  return lines;
}

/** A test the catalogue does not know, named in the message as the member's own report prints it. */
function uncatalogued(recognised: Recognised, message: string, facts: MemberFacts): Recognised {
  if (recognised.intent !== "unknown" && recognised.intent !== "overview") return recognised;
  const text = ` ${normalise(message)} `;
  const named = facts.results.filter((r) => !DEFINED.has(r.code) && normalise(r.name).length >= 3 && text.includes(` ${normalise(r.name)} `));
  return named.length ? { intent: "value", analytes: named.map((r) => [r.code]) } : recognised;
}

function deterministic(w: Writer, message: string): CoachReply {
  const { persona, facts, words } = w;
  const referral = escapeMarkdown(persona.guardrails.clinicianReferral);
  const recognised = uncatalogued(recognise(message, persona.guardrails.declineTopics), message, facts);
  const critical = criticalLines(w);
  switch (recognised.intent) {
    case "emergency":
      return reply(w, "emergency", emergencyLines(persona, recognised.emergency));
    case "declined-topic":
      return reply(w, "declined-topic", [...critical, paragraph(words.refuse.topic(escapeMarkdown(recognised.topic)), referral)]);
    case "dosing":
    case "diagnosis":
    case "prescription":
      return reply(w, recognised.intent, [...critical, paragraph(words.refuse[recognised.intent], referral), recognised.intent === "diagnosis" && NOT_A_DIAGNOSIS]);
    case "clinician-questions":
      return reply(w, "clinician-questions", [...critical, `**${words.askLead}**`, clinicianQuestions(facts).map((q) => `- ${q}`).join("\n"), words.close]);
    case "value": {
      const lines: string[] = [];
      let missing = 0;
      for (const codes of recognised.analytes) {
        const results = codes.flatMap((code) => facts.results.filter((r) => r.code === code));
        if (!results.length) {
          missing++;
          lines.push(missingLine(w, codes[0]));
        }
        for (const r of results.slice(0, 3)) lines.push(...resultLines(w, r));
      }
      const intent = missing === recognised.analytes.length ? "missing-value" : "value";
      const first = recognised.analytes[0].flatMap((code) => facts.results.filter((r) => r.code === code))[0];
      return reply(w, intent, [...critical, first && words.open(nameOf(w, first.code, first.name)), ...lines, words.close]);
    }
    case "trend": {
      const codes = recognised.analytes.flat();
      const asked = codes.length ? facts.trends.filter((t) => codes.includes(t.code)) : facts.trends;
      const trends = [...asked].sort((a, b) => Number(a.direction === "unchanged") - Number(b.direction === "unchanged"));
      const lines = trends.slice(0, 5).map((t) => trendLine(w, t));
      for (const group of recognised.analytes) {
        if (trends.some((t) => group.includes(t.code))) continue;
        const r = facts.results.find((x) => group.includes(x.code));
        lines.push(r ? `I only see one ${nameOf(w, r.code, r.name)} result, so there is no change to show yet.` : missingLine(w, group[0]));
      }
      if (!lines.length) lines.push("I only see one result for each of your tests so far, so there is no change over time to show yet.");
      const findings = trends.flatMap((t) => findingsFor(facts, t.code)).filter((f) => f.id.includes("trend"));
      for (const f of findings.slice(0, 2)) lines.push(f.patient.map((s) => statement(w, s)).join(" "));
      return reply(w, trends.length ? "trend" : "missing-value", [...critical, ...lines, words.close]);
    }
    case "overview":
    case "greeting":
      return reply(w, "overview", [...critical, ...overview(w), words.close]);
    default: {
      const some = facts.results.slice(0, 3).map((r) => nameOf(w, r.code, r.name));
      return reply(w, "unknown", [
        ...critical,
        "I can help with your own lab results: what a value means, whether it is in range, how it has changed, and what to ask your clinician.",
        some.length ? `For example, ask me about your ${list(some)}.` : onFile(facts),
        persona.focusAreas.length > 0 && `I focus most on ${list(persona.focusAreas.map(escapeMarkdown))}.`,
      ]);
    }
  }
}

/** Intents the model never phrases: what must be said exactly as the guardrails say it. */
const GUARDED = new Set<CoachIntent>(["emergency", "dosing", "diagnosis", "prescription", "declined-topic"]);

/**
 * The coach's reply to one message. The deterministic reply is always made; a configured model may re-phrase
 * it (never an emergency, a refusal, or any reply while a critical value is on file), and its answer replaces
 * the deterministic one only when it passes the check in `llm.ts`.
 */
export async function coachReply(input: { profile: CoachPersona; facts: MemberFacts; message: string }, settings: LlmSettings | null = llmSettings()): Promise<CoachReply> {
  const w = writer(input.profile, input.facts);
  const base = deterministic(w, input.message);
  if (!settings || GUARDED.has(base.intent) || criticalOnFile(input.facts).length) return base;
  const phrased = await phraseWithModel(settings, { persona: input.profile, message: input.message, reply: base });
  return phrased ?? base;
}
