/**
 * Every rule and both narratives over panels whose values cannot be converted (a unit no one can read, a unit
 * of the wrong kind), whose values are missing, or that hold only part of what a rule reads: no sentence may
 * lose its value ("your result is , higher"), print "undefined", "NaN" or "null", or leave a unit without its
 * number.
 */
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../catalogue";
import type { Finding } from "../findings";
import { interpret } from "../interpret";
import { clinicianNarrative } from "../narrative/clinician";
import { patientNarrative } from "../narrative/patient";
import type { PatientFacts } from "../patient";
import { panelOf, type Measured } from "../test-support";
import { criticalRule } from "./critical";
import { RULES } from "./index";
import { otherResults } from "./other-results";

const PATIENTS: PatientFacts[] = [
  {},
  { age: 67, sex: "male", conditions: ["type 2 diabetes", "hypertension", "chronic kidney disease"], medications: ["lisinopril", "metformin", "levothyroxine", "atorvastatin"] },
  { age: 29, sex: "female", conditions: ["pregnancy"] },
];

/** A unit of the wrong kind for every analyte: it reads as UCUM but converts to nothing clinical. */
const WRONG_KIND = "kg";

const ALL = CATALOGUE.map((d) => d.name);

/** Panels a lab could send that the engine cannot convert, or that hold no value at all. */
const PANELS: Record<string, Measured[]> = {
  "units no one can read, flagged high by the lab": ALL.map((name) => ({ name, value: 7.5, unit: "widgets", flag: "H" })),
  "units no one can read, flagged low against the lab's range": ALL.map((name) => ({ name, value: 0.5, unit: "zz/qq", range: { low: 1, high: 2 } })),
  "units no one can read, flagged critical by the lab": ALL.map((name) => ({ name, value: 99, unit: "arbitrary", flag: "HH" })),
  "a unit of the wrong kind": ALL.map((name) => ({ name, value: 3.3, unit: WRONG_KIND, flag: "L" })),
  "no unit at all": ALL.map((name) => ({ name, value: 250, flag: "H" })),
  "missing values flagged by the lab": ALL.map((name) => ({ name, value: "", unit: "mg/dL", flag: "H" })),
  "text results flagged by the lab": ALL.map((name) => ({ name, value: "see note", flag: "A" })),
  "an inverted range": ALL.map((name) => ({ name, value: 4, unit: "widgets", range: { low: 9, high: 1 } })),
  "tests the catalogue does not know": [
    { name: "Mystery marker", value: 12, unit: "widgets", flag: "H" },
    { name: "Other marker", value: "", flag: "L" },
    { name: "Third marker", value: 3, range: { low: 5, high: 9 } },
    { name: "Panic marker", value: 1, unit: "blips", flag: "LL" },
  ],
  // Half the panel readable (and abnormal), half not: rules that read several analytes see only some of them.
  "half converted": CATALOGUE.map((d, i) =>
    i % 2 === 0
      ? { name: d.name, value: (d.reference.find((r) => r.high !== undefined)?.high ?? 10) * 3, unit: d.unit, flag: "H" }
      : { name: d.name, value: 5, unit: "widgets", flag: "L" },
  ),
};

/** What must never be read in a sentence. */
const FORBIDDEN: [string, RegExp][] = [
  ["undefined", /undefined/i],
  ["NaN", /\bNaN\b/],
  ["null", /\bnull\b/],
  ["[object Object]", /\[object Object\]/],
  ["an empty value before a comma or full stop", /\b(?:is|was|of|at|to)\s+[,.;:]|\b(?:result|level|value) is[,.;:]/],
  ["“is , higher”", /\b(?:is|was|result)\s*[,.]?\s*,\s*(?:a little )?(?:higher|lower|different)/],
  ["an empty quotation", /“\s*”|"\s*"/],
  ["empty brackets", /\(\s*\)/],
  ["two spaces where a value was", /\S {2,}\S/],
  // A unit with no number before it (a threshold "≥ 126 mg/dL" has its number).
  ["a unit without its number", /(?<![\w/])(?<![\d%)¹²³⁴⁵⁶⁷⁸⁹⁰]\s?)(?<!\b(?:in|as|per|of|to)\s)(?:mg\/dL|mmol\/L|µmol\/L|umol\/L|g\/dL|g\/L|U\/L|ng\/mL|pg\/mL|ng\/dL|mIU\/L|mg\/L|mg\/g|fL|×10[⁰-⁹]+\/[µu]?L)(?![\w/])/],
];

function sentences(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => [f.title, f.patientTitle, f.ask ?? "", ...f.patient.map((s) => s.text), ...f.clinician.map((s) => s.text)]).filter(Boolean);
}

function problems(texts: readonly string[]): string[] {
  return texts.flatMap((text) => FORBIDDEN.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${what}: ${text}`));
}

describe.each(Object.keys(PANELS))("%s", (panelName) => {
  it.each(PATIENTS.map((p, i) => [i, p] as const))("every rule's sentences keep their values (patient %i)", (_, patient) => {
    const panel = panelOf(patient, PANELS[panelName]);
    const findings = [...criticalRule(panel, patient), ...RULES.flatMap((rule) => rule(panel, patient)), ...otherResults(panel, new Set())];
    expect(problems(sentences(findings))).toEqual([]);
  });

  it.each(PATIENTS.map((p, i) => [i, p] as const))("both narratives keep their values (patient %i)", (_, patient) => {
    const panel = panelOf(patient, PANELS[panelName]);
    const interpretation = interpret(panel, patient);
    const texts = [patientNarrative(interpretation, panel).markdown, clinicianNarrative(interpretation, panel).markdown].flatMap((m) => m.split("\n"));
    expect(problems(texts)).toEqual([]);
  });
});

describe("a value that could not be converted", () => {
  it("is printed as the lab reported it in both texts, never left out", () => {
    const patient = { age: 50, sex: "female" as const };
    const panel = panelOf(patient, [{ name: "Ferritin", value: 7.5, unit: "widgets", flag: "H" }]);
    const interpretation = interpret(panel, patient);
    expect(patientNarrative(interpretation, panel).markdown).toContain("7.5 widgets");
    expect(clinicianNarrative(interpretation, panel).markdown).toContain("Ferritin 7.5 widgets");
  });

  it("still says a critical flag's number and unit in both texts", () => {
    const panel = panelOf({}, [{ name: "Potassium", value: 6.6, unit: "mmol/L", flag: "HH" }]);
    const interpretation = interpret(panel, {});
    expect(patientNarrative(interpretation, panel).markdown).toMatch(/potassium[^.]*6\.6 mmol\/L/i);
    expect(clinicianNarrative(interpretation, panel).markdown).toContain("Potassium 6.6 mmol/L");
  });
});
