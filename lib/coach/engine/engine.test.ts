/**
 * What the coach says, case by case: the member's facts come from the real clinical engine (a panel built the
 * way the pipeline builds it, interpreted, its findings with their sources), so every citation is a real one.
 */
import { describe, expect, it } from "vitest";
import { interpret } from "../../clinical/interpret";
import { readingGrade } from "../../clinical/narrative/readability";
import { panelOf, type Measured } from "../../clinical/test-support";
import type { CoachIntent, CoachPersona, CoachTone, MemberFacts, ReadingLevel } from "../types";
import { toMemberFacts } from "./facts";
import { coachGreeting, coachReply } from "./index";
import { recognise } from "./intents";

const patient = { age: 58, sex: "male" as const };

function factsOf(results: Measured[]): MemberFacts {
  const panel = panelOf(patient, results);
  const { findings } = interpret(panel, patient);
  return toMemberFacts(panel, () => "lab-2", [
    { labResultId: "lab-1", findings: [] },
    { labResultId: "lab-2", findings },
  ]);
}

const FACTS = factsOf([
  { name: "HbA1c", value: 6.1, unit: "%", range: { low: 4, high: 5.6 }, date: "2024-06-01" },
  { name: "HbA1c", value: 7.2, unit: "%", range: { low: 4, high: 5.6 }, date: "2025-01-15" },
  { name: "Creatinine", value: 1.8, unit: "mg/dL", range: { low: 0.7, high: 1.3 }, date: "2025-01-15" },
  { name: "LDL cholesterol", value: 95, unit: "mg/dL", range: { high: 100 }, date: "2025-01-15" },
]);

const CRITICAL = factsOf([{ name: "Potassium", value: 6.8, unit: "mmol/L", range: { low: 3.5, high: 5.1 }, flag: "HH", date: "2025-01-15" }]);

function persona(tone: CoachTone = "warm", readingLevel: ReadingLevel = "standard"): CoachPersona {
  return {
    name: "Ada",
    persona: "A calm coach who explains lab results.",
    tone,
    readingLevel,
    focusAreas: ["blood sugar"],
    greeting: "Hello, I'm Ada, your lab coach.",
    guardrails: {
      declineTopics: ["supplements", "weight loss drugs"],
      clinicianReferral: "Your clinician at Example Health can help with that.",
      emergencyMessage: "This may be an emergency.",
    },
    citationPolicy: "inline",
  };
}

const ask = (message: string, facts = FACTS, profile = persona()) => coachReply({ profile, facts, message }, null);

interface Case {
  name: string;
  message: string;
  facts?: MemberFacts;
  intent: CoachIntent;
  /** Every pattern must be in the reply. */
  says: RegExp[];
  /** None may be. */
  never?: RegExp[];
  cites?: boolean;
}

const CASES: Case[] = [
  {
    name: "a value the member has: its number, unit, flag, range, what it means and a citation",
    message: "What does my a1c mean?",
    intent: "value",
    says: [/\*\*7\.2%\*\* on 2025-01-15/, /above the usual range/, /usual range is 4% to 5\.6%/, /6\.5% or higher is in the range doctors use for diabetes\. \[1\]/, /Should I repeat this test/],
    cites: true,
  },
  {
    name: "kidney function resolves to the eGFR the engine calculated and the creatinine, each finding said once",
    message: "how is my kidney function?",
    intent: "value",
    says: [/kidney filtering rate \(eGFR\) was \*\*43 mL\/min\/1\.73 m²\*\*/, /kidney filtration \(creatinine\) was \*\*1\.8 mg\/dL\*\*/, /usual range is 60 mL\/min\/1\.73 m² or more/],
    cites: true,
  },
  {
    name: "a value the member lacks: says so and states no number",
    message: "what about my ferritin?",
    intent: "missing-value",
    says: [/I don't see a ferritin result on file\./],
    never: [/\*\*/, /\d+(?:\.\d+)? ?(?:ng\/mL|µg\/L|ug\/L)/, /ferritin (?:was|is) /i],
  },
  {
    name: "a trend: both values with their dates and the direction",
    message: "How has my sugar test changed since last time?",
    intent: "trend",
    says: [/went up, from 6\.1% on 2024-06-01 to 7\.2% on 2025-01-15/],
  },
  { name: "chest pain: the emergency guardrail and the number to call", message: "I have crushing chest pain right now", intent: "emergency", says: [/This may be an emergency/, /911/], never: [/7\.2/] },
  { name: "stroke signs", message: "my dad's face is drooping and his speech is slurred", intent: "emergency", says: [/This may be an emergency/, /911/] },
  { name: "suicidal thoughts: the crisis line", message: "I keep thinking about suicide", intent: "emergency", says: [/988/, /911/] },
  { name: "severe bleeding", message: "I'm bleeding heavily and it won't stop", intent: "emergency", says: [/911/] },
  { name: "can't breathe", message: "I can’t breathe", intent: "emergency", says: [/911/] },
  {
    name: "a critical value on file: the guardrail first, naming the value",
    message: "what is my potassium?",
    facts: CRITICAL,
    intent: "value",
    says: [/^\*\*This may be an emergency\.\*\*/, /at a level labs report to a doctor right away: potassium 6\.8 mmol\/L/, /911/],
  },
  { name: "a dosing question is declined with the clinician referral", message: "How much metformin should I take?", intent: "dosing", says: [/can't help with doses/, /Your clinician at Example Health can help with that\./], never: [/\d+ ?mg/] },
  { name: "a diagnosis request is declined", message: "Do I have diabetes?", intent: "diagnosis", says: [/can't diagnose/, /Example Health/, /not a diagnosis/] },
  { name: "a prescription request is declined", message: "Should I stop taking my statin?", intent: "prescription", says: [/can't suggest starting, stopping or changing a medicine/, /Example Health/] },
  { name: "a topic the profile declines", message: "Which supplements help my kidneys?", intent: "declined-topic", says: [/supplements is not something I can help with/, /Example Health/] },
  {
    name: "what to ask the doctor: the findings' own questions",
    message: "What should I ask my doctor?",
    intent: "clinician-questions",
    says: [/Should my urine be tested for protein/, /Should I repeat this test, or have a different blood sugar test/],
  },
  { name: "an overview says what is on file", message: "Can you give me a summary of my results?", intent: "overview", says: [/I can see 2 of your lab reports, with 4 results\./, /3 are outside it/], cites: true },
];

describe("the coach's replies", () => {
  it.each(CASES)("$name", async ({ message, facts, intent, says, never = [], cites }) => {
    const reply = await ask(message, facts);
    expect(reply.intent).toBe(intent);
    for (const pattern of says) expect(reply.markdown).toMatch(pattern);
    for (const pattern of never) expect(reply.markdown).not.toMatch(pattern);
    if (cites) {
      expect(reply.citations["1"]).toMatchObject({ url: expect.stringMatching(/^https:\/\//), title: expect.any(String), metadata: { type: expect.stringMatching(/pubmed|guideline/) } });
      // Every marker in the text is a citation, and every citation is used.
      const markers = new Set([...reply.markdown.matchAll(/\[(\d+)\]/g)].map((m) => m[1]));
      expect([...markers].sort()).toEqual(Object.keys(reply.citations).sort());
    }
  });

  it("never states a number the member's facts do not hold", async () => {
    const allowed = JSON.stringify(FACTS);
    for (const { message } of CASES.filter((c) => !c.facts && c.intent !== "emergency")) {
      const reply = await ask(message);
      const text = reply.markdown.replace(/\[\d+\]/g, "").replace(/\d{4}-\d{2}-\d{2}/g, "");
      for (const n of text.match(/\d+(?:\.\d+)?/g) ?? []) expect(allowed, `${message}: ${n}`).toContain(n);
    }
  });
});

describe("a test the catalogue does not know", () => {
  it("is answered by the name on the member's report, escaped, with its value", async () => {
    const facts = factsOf([{ name: "Zonulin *serum*", value: 42, unit: "ng/mL", range: { high: 50 }, date: "2025-01-15" }]);
    const reply = await ask("what is my zonulin serum?", facts);
    expect(reply.intent).toBe("value");
    expect(reply.markdown).toMatch(/Your Zonulin \\\*serum\\\* was \*\*42 ng\/mL\*\* on 2025-01-15/);
  });
});

describe("tone and reading level", () => {
  /** The values and dates a text states, in order. */
  const facts = (text: string) => [...text.matchAll(/\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?(?:%| mg\/dL)/g)].map((m) => m[0]).join(" ");

  it("two tones word the same answer differently and state the same facts", async () => {
    const warm = await ask("what is my a1c?", FACTS, persona("warm"));
    const direct = await ask("what is my a1c?", FACTS, persona("direct"));
    expect(warm.markdown).not.toBe(direct.markdown);
    expect(warm.markdown).toMatch(/Thanks for asking/);
    expect(direct.markdown).toMatch(/It is above range\./);
    expect(facts(warm.markdown)).toBe(facts(direct.markdown));
    expect(warm.citations).toEqual(direct.citations);
  });

  it("clinical and encouraging tones have their own words", async () => {
    expect((await ask("what is my a1c?", FACTS, persona("clinical"))).markdown).toMatch(/above the reference interval/);
    expect((await ask("what is my a1c?", FACTS, persona("encouraging"))).markdown).toMatch(/Great question!/);
  });

  it("plain reads at a lower grade than detailed, which adds the clinician's terms, with the same values", async () => {
    const plain = await ask("what is my a1c?", FACTS, persona("warm", "plain"));
    const detailed = await ask("what is my a1c?", FACTS, persona("warm", "detailed"));
    expect(plain.markdown).not.toBe(detailed.markdown);
    expect(detailed.markdown).toMatch(/reference interval/);
    expect(detailed.markdown).toMatch(/Hemoglobin A1c/);
    expect(detailed.markdown).toMatch(/\*For your clinician:\* HbA1c 7\.2%/);
    expect(plain.markdown).not.toMatch(/reference interval|HbA1c|For your clinician/);
    expect(readingGrade(plain.markdown).grade).toBeLessThanOrEqual(8);
    expect(readingGrade(plain.markdown).grade).toBeLessThan(readingGrade(detailed.markdown).grade);
    for (const value of ["7.2%", "4%", "5.6%"]) {
      expect(plain.markdown).toContain(value);
      expect(detailed.markdown).toContain(value);
    }
  });
});

describe("citation policy", () => {
  it("puts the markers after each sentence inline, or gathers the same sources in one line at the end", async () => {
    const inline = await ask("what is my a1c?", FACTS, persona());
    const atEnd = await ask("what is my a1c?", FACTS, { ...persona(), citationPolicy: "end-of-reply" });
    expect(atEnd.citations).toEqual(inline.citations);
    expect(Object.keys(inline.citations).length).toBeGreaterThan(0);
    const body = atEnd.markdown.split("\n\n");
    expect(body.at(-1)).toBe(`Sources: ${Object.keys(atEnd.citations).map((n) => `[${n}]`).join(" ")}`);
    expect(body.slice(0, -1).join("\n\n")).not.toMatch(/\[\d+\]/);
    expect(inline.markdown).not.toMatch(/^Sources:/m);
    expect(inline.markdown).toMatch(/\. \[1\]/);
  });
});

describe("the greeting", () => {
  it("is the profile's greeting and what is on file", () => {
    const greeting = coachGreeting(persona(), FACTS);
    expect(greeting.markdown).toBe("Hello, I'm Ada, your lab coach.\n\nI can see 2 of your lab reports, with 4 results.");
    expect(greeting.intent).toBe("greeting");
  });

  it("says when no lab report is ready yet", () => {
    expect(coachGreeting(persona(), { results: [], trends: [], findings: [], labReports: 0 }).markdown).toMatch(/None of your lab reports is ready yet/);
  });

  it("puts a critical value's guardrail before the greeting", () => {
    const greeting = coachGreeting(persona(), CRITICAL).markdown;
    expect(greeting.indexOf("This may be an emergency")).toBeLessThan(greeting.indexOf("Hello, I'm Ada"));
    expect(greeting).toMatch(/potassium 6\.8 mmol\/L/);
  });

  it("escapes the profile's text as Markdown", () => {
    const profile = { ...persona(), greeting: "Hi <img src=x onerror=alert(1)> [click](https://evil.example)" };
    const markdown = coachGreeting(profile, FACTS).markdown;
    expect(markdown).toContain("Hi \\<img src=x onerror=alert(1)\\> \\[click\\](https:\u2060//evil.example)");
    expect(markdown).not.toMatch(/(?<!\\)<img|(?<!\\)\]\(/);
  });
});

describe("intent recognition", () => {
  it.each([
    ["my a1c", "value"],
    ["what's my cholesterol", "value"],
    ["is my egfr ok", "value"],
    ["is my LDL cholesterol better than last time?", "trend"],
    ["hi", "greeting"],
    ["tell me a joke", "unknown"],
    ["Do I have an A1c result on file?", "value"],
    ["Do I have kidney disease?", "diagnosis"],
    ["Should I change my medication?", "prescription"],
    ["My dad had a stroke", "emergency"],
  ] as const)("%s → %s", (message, intent) => {
    expect(recognise(message).intent).toBe(intent);
  });

  it("answers what it cannot place with what it can do and the profile's focus", async () => {
    const reply = await ask("tell me a joke");
    expect(reply.markdown).toMatch(/what a value means, whether it is in range, how it has changed/);
    expect(reply.markdown).toMatch(/I focus most on blood sugar\./);
  });

  it("reads 'ldl cholesterol' as LDL, not total cholesterol", () => {
    expect(recognise("my ldl cholesterol")).toEqual({ intent: "value", analytes: [["ldl-cholesterol"]] });
  });
});
