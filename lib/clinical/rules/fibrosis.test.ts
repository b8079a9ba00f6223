import { describe, expect, it } from "vitest";
import { interpret } from "../interpret";
import type { PatientFacts } from "../patient";
import { panelOf, type Measured } from "../test-support";
import { fib4Band, fibrosisRule } from "./fibrosis";
import { expectWellFormed } from "./expect-finding";

/** AST, ALT and platelets giving a chosen FIB-4 at this age is awkward; these give the values in the comments. */
const liver = (ast: number, alt: number, platelets: number): Measured[] => [
  { name: "AST", value: ast, unit: "U/L", range: { low: 10, high: 40 } },
  { name: "ALT", value: alt, unit: "U/L", range: { low: 7, high: 56 } },
  { name: "Platelets", value: platelets, unit: "10*3/uL", range: { low: 150, high: 400 } },
];
const run = (patient: PatientFacts, results: Measured[]) => fibrosisRule(panelOf(patient, results), patient);

describe("FIB-4 read with the AASLD 2023 cut-offs", () => {
  it.each([
    [1.29, 50, "low"],
    [1.3, 50, "indeterminate"],
    [2.67, 50, "indeterminate"],
    [2.68, 50, "high"],
    [1.9, 70, "low"],
    [2.0, 70, "indeterminate"],
  ] as const)("FIB-4 %s at age %s is %s", (value, age, band) => {
    expect(fib4Band(value, age).band).toBe(band);
  });

  it("sends an indeterminate score (1.3–2.67) to elastography or ELF", () => {
    // 55 × 60 / (180 × √64) = 2.29
    const [finding] = run({ age: 55, sex: "male" }, liver(60, 64, 180));
    expect(finding.title).toBe("FIB-4 2.29: indeterminate (AASLD 2023)");
    expect(finding.clinician[0].text).toMatch(/transient elastography .* or the ELF test/);
    expect(finding.clinician[0].sources).toEqual(["aasldMasld2023", "fib4Sterling2006"]);
    expectWellFormed(finding, "liver-fibrosis", /\b(?:fibrosis|FIB-4 index|hepat\w*|elastography|ELF)\b/i);
  });

  it("refers a high score (> 2.67) to hepatology", () => {
    // 60 × 90 / (120 × √49) = 6.43
    const [finding] = run({ age: 60, sex: "female" }, liver(90, 49, 120));
    expect(finding.severity).toBe("high");
    expect(finding.clinician[0].text).toMatch(/refer to hepatology/);
  });

  it("uses 2.0 as the low cut-off from age 65, citing the study that derived it", () => {
    // 70 × 30 / (250 × √36) = 1.4: indeterminate by 1.3, low by 2.0
    const [finding] = run({ age: 70, sex: "male", conditions: ["NAFLD"] }, liver(30, 36, 250));
    expect(finding.title).toMatch(/low risk of advanced fibrosis/);
    expect(finding.clinician.map((s) => s.text).join(" ")).toMatch(/Age ≥ 65: low-risk cut-off 2/);
    expect(finding.clinician.flatMap((s) => s.sources)).toContain("mcphersonFib4Age2017");
  });

  it("says nothing of a low score in someone with no liver disease, diabetes or raised enzymes, nor without an age", () => {
    expect(run({ age: 45, sex: "female" }, liver(20, 25, 250))).toEqual([]);
    expect(run({}, liver(90, 49, 120))).toEqual([]);
  });

  it("reports a low score where it answers a question: recorded liver disease", () => {
    const [finding] = run({ age: 45, sex: "female", conditions: ["fatty liver"] }, liver(20, 25, 250));
    expect(finding.severity).toBe("info");
    expect(finding.title).toMatch(/low risk/);
  });

  it("reaches the interpretation with its calculated value covered by the finding", () => {
    const patient: PatientFacts = { age: 55, sex: "male" };
    const { findings } = interpret(panelOf(patient, liver(60, 64, 180)), patient);
    expect(findings.map((f) => f.id)).toContain("liver.fib4");
  });
});
