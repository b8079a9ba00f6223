/**
 * The member's facts from a real database: labs stored as map_analytes leaves them and interpreted by the
 * pipeline's own run_inference step, then marked ready. Only the member's ready labs count; a pending or failed
 * lab, another member's and another organisation's never do.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, type LabStatus } from "../db";
import { writePatientContext } from "../labs/codecs";
import { runInference } from "../labs/pipeline/finish-steps";
import { createOrganization } from "../organizations";
import { memberFacts } from "./member-facts";

interface Row {
  name: string;
  value: number;
  unit: string;
  low?: number;
  high?: number;
  flag: string;
}

async function tenant() {
  const { organization } = await createOrganization({ name: `Coach facts ${randomUUID().slice(0, 8)}` });
  const member = await db.member.create({ data: { organizationId: organization.id, externalId: `m-${randomUUID()}` } });
  return { organizationId: organization.id, memberId: member.id };
}

/** A lab of the member with its analytes, interpreted by run_inference, left in `status`. */
async function lab(organizationId: string, memberId: string, observedAt: string, rows: Row[], status: LabStatus = "ready") {
  const created = await db.labResult.create({ data: { organizationId, memberId, source: "upload", status: "processing", patientContext: writePatientContext({ age: "58", gender: "male" }) } });
  await db.analyte.createMany({
    data: rows.map((r, position) => ({
      organizationId,
      labResultId: created.id,
      position,
      rawName: r.name,
      rawValue: String(r.value),
      rawUnit: r.unit,
      valueNumber: r.value,
      unit: r.unit,
      normalizedValue: r.value,
      normalizedUnit: r.unit,
      referenceLow: r.low ?? null,
      referenceHigh: r.high ?? null,
      referenceSource: "lab",
      flag: r.flag,
      observedAt: new Date(observedAt),
    })),
  });
  await runInference({ labResultId: created.id, organizationId });
  await db.labResult.update({ where: { id: created.id }, data: { status } });
  return created.id;
}

const a1c = (value: number): Row => ({ name: "HbA1c", value, unit: "%", low: 4, high: 5.6, flag: value > 5.6 ? "High" : "Normal" });
const creatinine = (value: number): Row => ({ name: "Creatinine", value, unit: "mg/dL", low: 0.7, high: 1.3, flag: value > 1.3 ? "High" : "Normal" });

describe("memberFacts", () => {
  it("holds the latest value of each analyte across the member's ready labs, with its flag, range and lab", async () => {
    const { organizationId, memberId } = await tenant();
    const first = await lab(organizationId, memberId, "2024-06-01T00:00:00Z", [a1c(6.1), creatinine(1.1)]);
    const second = await lab(organizationId, memberId, "2025-01-15T00:00:00Z", [a1c(7.2)]);

    const facts = await memberFacts(organizationId, memberId);
    expect(facts.labReports).toBe(2);
    const byCode = new Map(facts.results.map((r) => [r.code, r]));
    expect(byCode.get("hba1c")).toMatchObject({ value: 7.2, unit: "%", flag: "High", referenceLow: 4, referenceHigh: 5.6, observedAt: "2025-01-15T00:00:00.000Z", labResultId: second });
    expect(byCode.get("creatinine")).toMatchObject({ value: 1.1, flag: "Normal", labResultId: first });
    // The eGFR run_inference calculated from the creatinine is one of the member's results too.
    expect(byCode.get("egfr")).toMatchObject({ labResultId: first });
    expect(byCode.get("egfr")!.value).toBeGreaterThan(0);
  });

  it("holds the change over time between distinct instants", async () => {
    const { organizationId, memberId } = await tenant();
    await lab(organizationId, memberId, "2024-06-01T00:00:00Z", [a1c(6.1)]);
    await lab(organizationId, memberId, "2025-01-15T00:00:00Z", [a1c(7.2)]);
    // The same result at the same instant in another file is not a change.
    await lab(organizationId, memberId, "2025-01-15T00:00:00Z", [a1c(7.2)]);

    const { trends } = await memberFacts(organizationId, memberId);
    expect(trends).toEqual([
      { code: "hba1c", name: "Hemoglobin A1c", unit: "%", previous: 6.1, previousAt: "2024-06-01T00:00:00.000Z", current: 7.2, currentAt: "2025-01-15T00:00:00.000Z", direction: "up" },
    ]);
  });

  it("holds the stored findings of the current results, with their cited statements and question", async () => {
    const { organizationId, memberId } = await tenant();
    await lab(organizationId, memberId, "2024-06-01T00:00:00Z", [a1c(5.2)]);
    const latest = await lab(organizationId, memberId, "2025-01-15T00:00:00Z", [a1c(7.2)]);

    const { findings } = await memberFacts(organizationId, memberId);
    const glycemia = findings.filter((f) => f.analytes.includes("hba1c"));
    expect(glycemia.length).toBeGreaterThan(0);
    expect(glycemia.every((f) => f.labResultId === latest)).toBe(true);
    const diabetes = glycemia.find((f) => f.id === "glycemia.diabetes-range")!;
    expect(diabetes.patient[0]).toMatchObject({ text: expect.stringContaining("7.2%"), sources: [expect.any(String)] });
    expect(diabetes.ask).toMatch(/\?$/);
  });

  it("never reads a pending or failed lab, another member's or another organisation's", async () => {
    const { organizationId, memberId } = await tenant();
    const ready = await lab(organizationId, memberId, "2024-06-01T00:00:00Z", [a1c(5.2)]);
    await lab(organizationId, memberId, "2025-01-15T00:00:00Z", [a1c(9.9)], "processing");
    await lab(organizationId, memberId, "2025-02-15T00:00:00Z", [a1c(9.8)], "failed");
    const other = await db.member.create({ data: { organizationId, externalId: `m-${randomUUID()}` } });
    await lab(organizationId, other.id, "2025-03-01T00:00:00Z", [a1c(9.7), creatinine(3)]);
    const elsewhere = await tenant();

    const facts = await memberFacts(organizationId, memberId);
    expect(facts.labReports).toBe(1);
    expect(facts.results.map((r) => [r.code, r.value, r.labResultId])).toEqual([["hba1c", 5.2, ready]]);
    expect(facts.trends).toEqual([]);
    expect(facts.findings.every((f) => f.labResultId === ready)).toBe(true);
    // The member's id under another organisation finds nothing.
    expect(await memberFacts(elsewhere.organizationId, memberId)).toEqual({ results: [], trends: [], findings: [], labReports: 0 });
  });
});
