import { describe, expect, it } from "vitest";
import { interpret } from "../interpret";
import { clinicianNarrative } from "../narrative/clinician";
import { patientNarrative } from "../narrative/patient";
import { patientFacts, type PatientFacts } from "../patient";
import { panelOf, type Measured } from "../test-support";
import { ckdManagementRule } from "./ckd-management";
import { expectWellFormed } from "./expect-finding";

/** Seed 001/003's example as the agent receives it: the lab reported creatinine and eGFR. */
const SEED: Measured[] = [
  { name: "Creatinine", value: 1.8, unit: "mg/dL", range: { low: 0.7, high: 1.3 }, flag: "High", date: "2025-01-15" },
  { name: "eGFR", value: 38, unit: "mL/min/1.73m2", range: { low: 60 }, flag: "Low", date: "2025-01-15" },
];
const SEED_CONTEXT = { age: "78", gender: "male", conditions: ["hypertension"], medications: ["lisinopril"] };

function clinicianText(patient: PatientFacts, results: Measured[] = SEED) {
  const panel = panelOf(patient, results);
  const interpretation = interpret(panel, patient);
  return { interpretation, clinician: clinicianNarrative(interpretation, panel), patient: patientNarrative(interpretation, panel) };
}

/** The sentence of the clinician Markdown that matches `pattern`, and the titles of the sources it cites. */
function citedSentence(narrative: ReturnType<typeof clinicianNarrative>, pattern: RegExp): { sentence: string; titles: string[] } {
  const sentence = narrative.markdown.split(/(?<=\])\s+/).find((s) => pattern.test(s));
  if (!sentence) throw new Error(`no sentence matches ${pattern}`);
  const numbers = [...sentence.matchAll(/\[(\d+)\]/g)].map((m) => m[1]);
  return { sentence, titles: numbers.map((n) => narrative.citations[n].title) };
}

describe("CKD management points (KDIGO)", () => {
  const withContext = clinicianText(patientFacts(SEED_CONTEXT));
  const without = clinicianText({});

  it("gives the seed-001 patient every management point, each cited to its guideline", () => {
    const md = withContext.clinician;
    const ras = citedSentence(md, /ACE inhibitor\/ARB in the medication list/);
    expect(ras.sentence).toMatch(/creatinine and potassium within 2–4 weeks/);
    expect(ras.titles).toEqual([expect.stringContaining("KDIGO 2024 Clinical Practice Guideline for the Evaluation and Management of Chronic Kidney Disease")]);

    const dosing = citedSentence(md, /Drug dosing at eGFR 38/);
    expect(dosing.sentence).toMatch(/NSAIDs/);
    expect(dosing.titles).toEqual([expect.stringContaining("KDIGO 2024")]);

    const bp = citedSentence(md, /target systolic BP < 120 mmHg when tolerated/);
    expect(bp.titles).toEqual([expect.stringContaining("KDIGO 2021 Clinical Practice Guideline for the Management of Blood Pressure in Chronic Kidney Disease")]);

    const statin = citedSentence(md, /Statin: age 78 \(≥ 50\) with eGFR < 60/);
    expect(statin.sentence).toMatch(/Rec 2\.1\.1/);
    expect(statin.titles).toEqual([expect.stringContaining("KDIGO Clinical Practice Guideline for Lipid Management in Chronic Kidney Disease")]);

    const sglt2 = citedSentence(md, /SGLT2 inhibitor once albuminuria is known/);
    expect(sglt2.sentence).toMatch(/ACR ≥ 200 mg\/g \(Rec 3\.7\.2, 1A\)/);
    expect(sglt2.sentence).toMatch(/measure urine ACR/);
    expect(sglt2.titles).toEqual([expect.stringContaining("KDIGO 2024")]);
  });

  it("leaves out the points that need the patient's context when there is none, so the two outputs differ", () => {
    expect(without.clinician.markdown).not.toBe(withContext.clinician.markdown);
    expect(without.patient.markdown).not.toBe(withContext.patient.markdown);
    expect(without.clinician.markdown).not.toMatch(/ACE inhibitor\/ARB|systolic BP|Statin:/);
    // What eGFR alone supports is still said.
    expect(without.clinician.markdown).toMatch(/Drug dosing at eGFR 38/);
    expect(without.clinician.markdown).toMatch(/SGLT2 inhibitor once albuminuria is known/);
  });

  it("is a well-formed finding in plain words for the patient", () => {
    const finding = withContext.interpretation.findings.find((f) => f.id === "kidney.ckd-management")!;
    expectWellFormed(finding, "kidney-management", /\b(?:CKD|KDIGO|ACEi|ARB|RAS|eGFR|nephro\w*)\b/);
  });

  it("recommends an SGLT2 inhibitor once urine ACR is 200 mg/g or more, and with type 2 diabetes without an ACR", () => {
    const acr = (value: number): Measured => ({ name: "Urine albumin/creatinine ratio", value, unit: "mg/g" });
    const text = (patient: PatientFacts, results: Measured[]) => ckdManagementRule(panelOf(patient, results), patient)[0].clinician.map((s) => s.text).join(" ");
    expect(text({}, [...SEED, acr(250)])).toMatch(/ACR 250 mg\/g \(≥ 200\): recommended \(KDIGO 2024 Rec 3\.7\.2, 1A\)/);
    expect(text({}, [...SEED, acr(80)])).toMatch(/suggested at eGFR 20–45 \(KDIGO 2024 Rec 3\.7\.3, 2B\)/);
    expect(text({ conditions: ["type 2 diabetes"] }, SEED)).toMatch(/type 2 diabetes with CKD .*Rec 3\.7\.1, 1A/);
    expect(text({}, [{ name: "eGFR", value: 15, unit: "mL/min/1.73m2" }])).not.toMatch(/SGLT2/);
  });

  it("weighs the panel's own diabetes-range glycaemia instead of saying no diabetes is recorded", () => {
    const patient: PatientFacts = { age: 58 };
    const results: Measured[] = [
      { name: "eGFR", value: 78, unit: "mL/min/1.73m2" },
      { name: "Urine albumin/creatinine ratio", value: 37, unit: "mg/g" },
      { name: "Hemoglobin A1c", value: 7.2, unit: "%" },
    ];
    const sentences = ckdManagementRule(panelOf(patient, results), patient)[0].clinician;
    const sglt2 = sentences.find((s) => s.text.startsWith("SGLT2"))!;
    expect(sglt2.text).toMatch(/HbA1c 7\.2 ?% in this panel is in the ADA diabetes range; if type 2 diabetes is confirmed.*Rec 3\.7\.1/);
    expect(sglt2.text).not.toMatch(/neither recorded/);
    expect(ckdManagementRule(panelOf({ ...patient, conditions: ["type 2 diabetes"] }, results), { ...patient, conditions: ["type 2 diabetes"] })[0].clinician.find((s) => s.text.startsWith("SGLT2"))!.text).toMatch(/type 2 diabetes with CKD/);
  });

  it("says nothing at a normal eGFR without albuminuria, and nothing for a patient on dialysis", () => {
    const patient = patientFacts(SEED_CONTEXT);
    expect(ckdManagementRule(panelOf(patient, [{ name: "eGFR", value: 75, unit: "mL/min/1.73m2" }]), patient)).toEqual([]);
    const onDialysis = patientFacts({ ...SEED_CONTEXT, conditions: ["hypertension", "ESRD on hemodialysis"] });
    expect(ckdManagementRule(panelOf(onDialysis, SEED), onDialysis)).toEqual([]);
  });

  it("applies with albuminuria alone, at a normal eGFR", () => {
    const patient = patientFacts({ age: "55", conditions: ["hypertension"] });
    const [finding] = ckdManagementRule(panelOf(patient, [{ name: "eGFR", value: 80, unit: "mL/min/1.73m2" }, { name: "Urine albumin/creatinine ratio", value: 120, unit: "mg/g" }]), patient);
    const text = finding.clinician.map((s) => s.text).join(" ");
    expect(text).toMatch(/Rec 2\.1\.2, 1B/);
    expect(text).toMatch(/systolic BP < 120/);
    expect(text).not.toMatch(/Drug dosing/);
  });

  it("gives the management points from urine ACR alone, when no eGFR was measured", () => {
    const patient = patientFacts({ age: "66", gender: "female", conditions: ["hypertension"], medications: ["losartan 50 mg"] });
    const [finding] = ckdManagementRule(panelOf(patient, [{ name: "Urine albumin/creatinine ratio", value: 420, unit: "mg/g" }]), patient);
    expect(finding.title).toBe("CKD care at urine ACR 420 mg/g: what KDIGO advises");
    const text = finding.clinician.map((s) => s.text).join(" ");
    expect(text).toMatch(/ACE inhibitor\/ARB in the medication list with albuminuria/);
    expect(text).toMatch(/eGFR not in this panel: statin recommended at eGFR ≥ 60/);
    expect(text).toMatch(/eGFR not in this panel with urine ACR 420 mg\/g \(≥ 200\): recommended at eGFR ≥ 20 \(KDIGO 2024 Rec 3\.7\.2, 1A\)/);
  });
});
