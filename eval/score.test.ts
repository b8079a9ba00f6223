import { describe, expect, it } from "vitest";
import { caseSchema, matchAnalyte, repeatedBullet, scoreCase, type Outcome } from "./score";

const SOURCES = new Set(["https://kdigo.org/ckd", "https://www.abim.org/ranges.pdf"]);

function outcome(overrides: Partial<Outcome> = {}): Outcome {
  return {
    status: "ready",
    failureReason: null,
    analytes: [
      { name: "Neutrophils", loinc: "751-8", value: "0.9", valueNumber: 0.9, unit: "x10*9/L", flag: "Critical" },
      { name: "Neutrophils %", loinc: "770-8", value: "20", valueNumber: 20, unit: "%", flag: "Normal" },
      { name: "HbA1c", value: "58", valueNumber: 58, unit: "mmol/mol", normalizedValue: 7.46, normalizedUnit: "%", flag: "High" },
    ],
    findingTitles: ["HbA1c 58 mmol/mol (7.5 %): ADA diabetes range"],
    patientText: "Your HbA1c result is 58 mmol/mol (7.5 %), higher than the usual range. [1]",
    clinicianText: "HbA1c 58 mmol/mol (7.5 %). [1] Metabolic syndrome component. [2]",
    citations: {
      patient: { "1": { url: "https://kdigo.org/ckd", title: "KDIGO 2024" } },
      clinician: { "1": { url: "https://kdigo.org/ckd", title: "KDIGO 2024" }, "2": { url: "https://www.abim.org/ranges.pdf", title: "ABIM Laboratory Test Reference Ranges" } },
    },
    ...overrides,
  };
}

const spec = (input: object) => caseSchema.parse({ title: "t", file: "f.csv", ...input });

describe("scoring a case", () => {
  it("keeps an absolute count and a percentage of the same cell line apart", () => {
    const absolute = matchAnalyte({ name: "Neutrophils", loinc: "751-8", value: 0.9 }, outcome().analytes);
    const percent = matchAnalyte({ name: "Neutrophils %", value: 20 }, outcome().analytes);
    expect([absolute?.unit, percent?.unit]).toEqual(["x10*9/L", "%"]);
  });

  it("counts a wrong flag, a wrong printed unit and a missing conversion as wrong", () => {
    const score = scoreCase(
      spec({
        analytes: [
          { name: "Neutrophils", loinc: "751-8", value: 0.9, unit: "x10*9/L", flag: "Low" },
          { name: "Neutrophils %", value: 20, unit: "x10*9/L" },
          { name: "HbA1c", value: 58, unit: "mmol/mol", normalized: { value: 6.5, unit: "%" } },
        ],
      }),
      outcome(),
      SOURCES,
    );
    expect(score.flags.map((c) => c.ok)).toEqual([false]);
    expect(score.values.map((c) => c.ok)).toEqual([true, false, false]);
  });

  it("finds a value-less sentence and a forbidden phrase in either text", () => {
    const score = scoreCase(
      spec({ forbidden: ["confirm the diagnosis"] }),
      outcome({ patientText: "Your result is , higher than the usual range.", clinicianText: "Two tests confirm the diagnosis." }),
      SOURCES,
    );
    expect(score.forbidden.filter((c) => !c.ok).map((c) => c.what)).toEqual(["confirm the diagnosis", String(/\b(?:is|was|of|at)\s+[,.;:](?!\d)/)]);
  });

  it("fails citations whose markers and list disagree, and a claim cited to a source that does not make it", () => {
    const score = scoreCase(spec({ misattributed: [{ near: "metabolic syndrome", source: "ABIM" }] }), outcome({ patientText: "No marker here." }), SOURCES);
    expect(score.citations.filter((c) => !c.ok).map((c) => c.what)).toEqual(["patient", 'clinician: "metabolic syndrome" not cited to ABIM']);
  });

  it("passes a failed lab only with the expected reason", () => {
    const failed = outcome({ status: "failed", failureReason: "no lab values found in this CSV" });
    expect(scoreCase(spec({ status: "failed", failure_reason: "20 people" }), failed, SOURCES).status.ok).toBe(false);
    expect(scoreCase(spec({ status: "failed", failure_reason: "no lab values" }), failed, SOURCES).status.ok).toBe(true);
  });

  it("sees the same bullet twice under one finding, not under two", () => {
    expect(repeatedBullet("1. **A**\n   - Refer to nephrology.\n   - Refer to nephrology.\n")).toBe("- Refer to nephrology.");
    expect(repeatedBullet("1. **A**\n   - Refer.\n2. **B**\n   - Refer.\n")).toBeUndefined();
  });
});

describe("scoring what the engine concluded", () => {
  it("wants a critical value with its number and unit in each text, not only in one", () => {
    const score = scoreCase(spec({ both_texts: ["6\\.8 mmol/L"] }), outcome({ patientText: "Your potassium result is high.", clinicianText: "K 6.8 mmol/L (HH)." }), SOURCES);
    expect(score.findings.map((c) => [c.what, c.ok])).toEqual([
      ["6\\.8 mmol/L (patient text)", false],
      ["6\\.8 mmol/L (clinician text)", true],
    ]);
  });

  it("wants a trend between the two values it names", () => {
    const trends = [{ name: "Creatinine", previous: 1, current: 1.54 }];
    const score = scoreCase(spec({ trends: [{ name: "Creatinine", previous: 0.9, current: 1.54 }] }), outcome({ trends }), SOURCES);
    expect(score.findings[0]).toMatchObject({ ok: false, detail: "1 → 1.54 (expected 0.9 → 1.54)" });
  });
});
