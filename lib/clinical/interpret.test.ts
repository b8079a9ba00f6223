import { describe, expect, it } from "vitest";
import { interpret } from "./interpret";
import { GOLDEN_CASES } from "./narrative/golden-panels";
import { RETIRED_SOURCE_IDS } from "./sources";
import { panelOf } from "./test-support";

describe("interpret", () => {
  it("reads the seed example (creatinine 1.8 mg/dL, 78-year-old man) as eGFR 38, KDIGO G3b", () => {
    const patient = { age: 78, sex: "male" as const };
    const { findings } = interpret(panelOf(patient, [{ name: "Creatinine", value: 1.8, unit: "mg/dL", range: { low: 0.7, high: 1.3 } }]), patient);
    const kidney = findings.find((f) => f.id === "kidney.ckd-category")!;
    expect(kidney.title).toBe("eGFR 38: KDIGO G3b");
    expect(kidney.severity).toBe("high");
    expect(kidney.analytes).toEqual(["egfr", "creatinine"]);
    expect(kidney.clinician[0].text).toContain("calculated: CKD-EPI 2021 from creatinine 1.8 mg/dL, age 78, male");
    expect(kidney.clinician[0].sources).toEqual(["kdigo2024", "ckdEpi2021"]);
  });

  it("reads the seed's reported eGFR 38 (range >60) as G3b without a patient context, with what KDIGO advises from eGFR alone", () => {
    const panel = panelOf({}, [
      { name: "Creatinine", value: 1.8, unit: "mg/dL", range: { low: 0.7, high: 1.3 }, flag: "High" },
      { name: "eGFR", value: 38, unit: "mL/min/1.73m2", range: { low: 60 }, flag: "Low" },
    ]);
    const { findings } = interpret(panel, {});
    expect(findings.map((f) => f.title)).toEqual(["eGFR 38: KDIGO G3b", "CKD care at eGFR 38: what KDIGO advises"]);
    // Creatinine is part of the kidney finding, not repeated as an out-of-range result.
    expect(findings[0].analytes).toEqual(["egfr", "creatinine"]);
  });

  it("lists critical values first, then by severity, and summarises unexplained results by category", () => {
    const patient = { age: 60, sex: "female" as const };
    const { findings } = interpret(
      panelOf(patient, [
        { name: "Sodium", value: 147, unit: "mmol/L", range: { low: 136, high: 145 } },
        { name: "Potassium", value: 6.8, unit: "mmol/L", range: { low: 3.5, high: 5.1 } },
        { name: "Creatinine", value: 1.3, unit: "mg/dL", range: { low: 0.5, high: 1.1 } },
      ]),
      patient,
    );
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ["critical.potassium", "critical"],
      ["kidney.ckd-category", "moderate"],
      ["kidney.ckd-management", "moderate"],
      ["results.electrolytes", "borderline"],
    ]);
  });

  it("never calls a result with an irreconcilable unit normal", () => {
    // HbA1c in mmol/mol converts (IFCC → NGSP); in mmol/L it is no HbA1c unit at all.
    const { findings } = interpret(panelOf({}, [{ name: "Hemoglobin A1c", value: 48, unit: "mmol/L" }]), {});
    expect(findings.map((f) => f.id)).toEqual(["results.indeterminate"]);
  });

  it("counts each matched guidance claim once across findings", () => {
    const patient = { age: 78, sex: "male" as const };
    const result = interpret(panelOf(patient, [{ name: "Creatinine", value: 1.8, unit: "mg/dL" }]), patient);
    const ids = result.findings.flatMap((f) => f.guidanceIds);
    expect(ids.length).toBeGreaterThan(0);
    expect(result.insightsMatched).toBe(new Set(ids).size);
  });

  it("is deterministic", () => {
    const patient = { age: 50, sex: "male" as const };
    const panel = () => panelOf(patient, [{ name: "Creatinine", value: 2.4, unit: "mg/dL" }, { name: "Potassium", value: 5.4, unit: "mmol/L" }]);
    expect(JSON.stringify(interpret(panel(), patient))).toBe(JSON.stringify(interpret(panel(), patient)));
  });

  it.each(["LDL Chol Calc (NIH)", "LDL-C (calculated)", "LDL direct"])("takes the lab's %s as LDL, over our own calculation", (name) => {
    const panel = panelOf({}, [
      { name: "Cholesterol, total", value: 240, unit: "mg/dL" },
      { name: "HDL cholesterol", value: 50, unit: "mg/dL" },
      { name: "Triglycerides", value: 150, unit: "mg/dL" },
      { name, value: 131, unit: "mg/dL" },
    ]);
    expect(panel.get("ldl-cholesterol")).toMatchObject({ value: 131, derived: false });
    expect(panel.values.filter((v) => v.code.startsWith("raw:"))).toEqual([]);
  });

  it("keeps a lab's text LDL result rather than replacing it with a calculated one", () => {
    const panel = panelOf({}, [
      { name: "Cholesterol, total", value: 240, unit: "mg/dL" },
      { name: "HDL cholesterol", value: 50, unit: "mg/dL" },
      { name: "Triglycerides", value: 150, unit: "mg/dL" },
      { name: "LDL cholesterol", value: "see comment" },
    ]);
    expect(panel.get("ldl-cholesterol")).toMatchObject({ text: "see comment", derived: false });
  });

  it.each(GOLDEN_CASES.map((c) => c.name))("cites no retired source in the %s panel", (name) => {
    const c = GOLDEN_CASES.find((g) => g.name === name)!;
    const { findings } = interpret(panelOf(c.patient, c.results), c.patient);
    const cited = findings.flatMap((f) => [...f.patient, ...f.clinician].flatMap((s) => s.sources));
    expect(cited.filter((id) => RETIRED_SOURCE_IDS.has(id))).toEqual([]);
  });

  it("cites a study of airway infections, not a reference-range table, for a mildly raised CRP after a cold", () => {
    const { findings } = interpret(panelOf({}, [{ name: "CRP", value: 7, unit: "mg/L", range: { high: 5 } }]), {});
    const crp = findings.find((f) => f.id === "inflammation.acute-phase")!;
    const cold = crp.patient.find((s) => /a cold/.test(s.text))!;
    expect(cold.sources).toContain("melbyeCrpAirwayInfection2012");
    expect([...crp.patient, ...crp.clinician].flatMap((s) => s.sources)).not.toContain("abimReferenceRanges");
  });
});
