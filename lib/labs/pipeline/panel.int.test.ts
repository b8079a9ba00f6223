/**
 * The patient context stored with a lab reaches the clinical engine: run_inference's panel carries the
 * conditions and medications the partner sent (or the file held), and the seed-001 example reads differently
 * with them than without. Real database; the panel is loaded the way run_inference loads it.
 */
import { describe, expect, it } from "vitest";
import { interpret } from "../../clinical/interpret";
import { db } from "../../db";
import { createOrganization } from "../../organizations";
import { readFindings, writeFindings, writePatientContext } from "../codecs";
import { loadPanel } from "./panel";

/** The seed-001 lab (creatinine 1.8 mg/dL, eGFR 38 reported by the lab), stored with or without a context. */
async function seedLab(context?: Record<string, unknown>) {
  const { organization } = await createOrganization({ name: `Context ${Date.now()}-${Math.random().toString(36).slice(2, 8)}` });
  const lab = await db.labResult.create({
    data: { organizationId: organization.id, source: "agent_run", status: "processing", ...(context ? { patientContext: writePatientContext(context) } : {}) },
  });
  const base = { organizationId: organization.id, labResultId: lab.id, observedAt: new Date("2025-01-15T00:00:00Z"), referenceSource: "lab" };
  // As map_analytes leaves them: normalised and flagged.
  await db.analyte.createMany({
    data: [
    { ...base, position: 0, rawName: "Creatinine", rawValue: "1.8", rawUnit: "mg/dL", rawRange: "0.7-1.3", valueNumber: 1.8, unit: "mg/dL", normalizedValue: 1.8, normalizedUnit: "mg/dL", referenceLow: 0.7, referenceHigh: 1.3, flag: "High" },
    { ...base, position: 1, rawName: "eGFR", rawValue: "38", rawUnit: "mL/min/1.73m2", rawRange: ">60", valueNumber: 38, unit: "mL/min/{1.73_m2}", normalizedValue: 38, normalizedUnit: "mL/min/{1.73_m2}", referenceLow: 60, flag: "Low" },
    ],
  });
  return { labResultId: lab.id, organizationId: organization.id };
}

const clinicianText = (findings: ReturnType<typeof interpret>["findings"]) => findings.flatMap((f) => f.clinician.map((s) => s.text)).join(" ");

describe("the patient context in run_inference's panel", () => {
  it("carries the stored conditions and medications to the rules, which add the context's CKD management points", async () => {
    const lab = await seedLab({ age: "78", gender: "male", conditions: ["hypertension"], medications: ["lisinopril"] });
    const withContext = await loadPanel(lab);
    expect(withContext.patient).toEqual({ age: 78, sex: "male", conditions: ["hypertension"], medications: ["lisinopril"] });
    const without = await loadPanel(await seedLab());

    const read = interpret(withContext.panel, withContext.patient);
    const text = clinicianText(read.findings);
    expect(text).toMatch(/ACE inhibitor\/ARB in the medication list with eGFR 38: check blood pressure, creatinine and potassium/);
    expect(text).toMatch(/target systolic BP < 120 mmHg/);
    expect(text).toMatch(/Statin: age 78/);
    expect(clinicianText(interpret(without.panel, without.patient).findings)).not.toMatch(/ACE inhibitor\/ARB|systolic BP|Statin:/);

    // The findings as run_inference stores them keep every point.
    await db.labResult.update({ where: { id: lab.labResultId }, data: { findings: writeFindings(read.findings) } });
    const stored = await db.labResult.findUniqueOrThrow({ where: { id: lab.labResultId }, select: { findings: true } });
    expect(clinicianText(readFindings(stored.findings, lab.labResultId))).toBe(text);
  });
});
