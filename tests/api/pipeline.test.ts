/**
 * Labs through the whole pipeline: the member API registers them, the embedded executor drives the real
 * Inngest function (served by app/api/inngest), and the lab ends `ready` with analytes or `failed` with
 * a reason, with every step's job visible.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jobResponse, labDetailResponse } from "@/lib/labs";
import { call } from "../support/app";
import { createMember, createTenant, uploadFile } from "../support/fixtures";

const SAMPLES = path.resolve(import.meta.dirname, "../fixtures/samples");

async function registerFile(content: string | Buffer, contentType: string, filename: string, existing?: Awaited<ReturnType<typeof createMember>>) {
  const member = existing ?? (await createMember((await createTenant()).apiKey));
  const { fileUrl } = await uploadFile(member.token, content, contentType, filename);
  const res = await call("POST", `/v1/users/${member.userId}/labs/upload`, { token: member.token, body: { file_url: fileUrl } });
  expect(res.status).toBe(202);
  return { ...member, labId: res.json.data.lab_result_id as string, workflowId: res.json.data.workflow_id as string };
}

async function settled(userId: string, token: string, labId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await call("GET", `/v1/users/${userId}/labs/${labId}`, { token });
    if (["ready", "failed"].includes(res.json.data.status)) return labDetailResponse.parse(res.json).data;
    if (Date.now() > deadline) throw new Error(`lab ${labId} still ${res.json.data.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the lab pipeline", () => {
  it("brings a CSV lab to ready with flagged analytes, a FHIR-mapped summary and seven succeeded jobs", async () => {
    const csv = "Test,Result,Unit,Reference Range,Flag\nCreatinine,1.8,mg/dL,0.7-1.3,H\nGlucose,92,mg/dL,,\nPotassium,<2.5,mmol/L,3.5-5.1,LL\n";
    const lab = await registerFile(csv, "text/csv", "panel.csv");
    const result = await settled(lab.userId, lab.token, lab.labId);
    expect(result.status).toBe("ready");
    expect(result.analytes.map((a) => [a.name, a.value_number, a.flag])).toEqual([
      ["Creatinine", 1.8, "High"],
      ["Glucose", 92, "Normal"],
      ["Potassium", 2.5, "Critical"],
    ]);
    expect(result.analytes[0]).toMatchObject({ loinc: "2160-0", category: "Renal", normalized_value: 1.8, normalized_unit: "mg/dL" });
    // No range printed for glucose: the catalogue's adult interval is used and shown.
    expect(result.analytes[1]).toMatchObject({ reference_range: "70–99 mg/dL (adult reference)", flag: "Normal" });
    // The critical potassium first; without age and sex no eGFR, so creatinine is stated against its range.
    expect(result.findings.map((f) => [f.id, f.severity, f.analytes])).toEqual([
      ["critical.potassium", "critical", ["potassium"]],
      ["results.renal", "moderate", ["creatinine"]],
    ]);
    expect(result.findings[0].sources.map((s) => s.pmid)).toEqual(["2296127"]);
    expect(result.clinician_response).toMatch(/^\*\*Summary:\*\* 3 results, 2 outside the reference interval, 1 critical\./);
    expect(result.clinician_response!.indexOf("## Critical values")).toBeLessThan(result.clinician_response!.indexOf("## Findings"));
    expect(result.patient_response).toContain("Please contact your care team today");
    // Every citation marker resolves in its own audience's map.
    const citations = result.citations as { patient: Record<string, { url: string }>; clinician: Record<string, { url: string }> };
    for (const [text, map] of [[result.patient_response!, citations.patient], [result.clinician_response!, citations.clinician]] as const) {
      const used = new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => m[1]));
      expect(used.size).toBeGreaterThan(0);
      expect(Object.keys(map).sort()).toEqual([...used].sort());
    }

    const run = await call("GET", `/v1/users/${lab.userId}/jobs/${lab.workflowId}`, { token: lab.token });
    const job = jobResponse.parse(run.json).data;
    expect(job.status).toBe("completed");
    expect(job.steps.map((s) => [s.type, s.status, s.attempts])).toEqual([
      ["pipeline.ingest_validate", "succeeded", 1],
      ["pipeline.deidentify", "succeeded", 1],
      ["pipeline.map_to_fhir", "succeeded", 1],
      ["pipeline.fhir_store_upsert", "succeeded", 1],
      ["pipeline.run_inference", "succeeded", 1],
      ["pipeline.write_artifacts", "succeeded", 1],
      ["pipeline.dispatch_webhooks", "succeeded", 1],
    ]);
  });

  it("adds the values the measured ones allow, marked as calculated", async () => {
    const csv = "Test,Result,Unit\nTotal Cholesterol,265,mg/dL\nHDL Cholesterol,35,mg/dL\nTriglycerides,280,mg/dL\nSodium,138,mmol/L\nChloride,101,mmol/L\nCO2,24,mmol/L\n";
    const lab = await registerFile(csv, "text/csv", "lipids.csv");
    const result = await settled(lab.userId, lab.token, lab.labId);
    expect(result.status).toBe("ready");
    const derived = result.analytes.filter((a) => a.derived);
    expect(derived.map((a) => [a.name, a.value_number, a.flag])).toEqual([
      ["Non-HDL cholesterol", 230, "High"],
      // 279.54 − 36.05 − (32.71 + 30.09 − 4.87) − 9.44 = 176.1
      ["LDL cholesterol (Sampson)", 176, "High"],
      ["Anion gap", 13, "Normal"],
    ]);
  });

  it("reads a member's earlier labs as history: change since last and direction per analyte", async () => {
    const first = await registerFile("Test,Result,Unit,Date\nCreatinine,1.2,mg/dL,2024-03-01\nHemoglobin,13.1,g/dL,2024-03-01\n", "text/csv", "march.csv");
    expect((await settled(first.userId, first.token, first.labId)).status).toBe("ready");
    const second = await registerFile("Test,Result,Unit,Date\nCreatinine,1.5,mg/dL,2024-09-01\nHemoglobin,13.1,g/dL,2024-09-01\n", "text/csv", "september.csv", first);
    const result = await settled(second.userId, second.token, second.labId);
    expect(result.trends.map((t) => [t.code, t.previous, t.current, t.direction, t.previous_at?.slice(0, 10)])).toEqual([
      ["creatinine", 1.2, 1.5, "up", "2024-03-01"],
      ["hemoglobin", 13.1, 13.1, "unchanged", "2024-03-01"],
    ]);
    expect(result.clinician_response).toContain("| Creatinine | 1.2 mg/dL (2024-03-01) | 1.5 mg/dL (2024-09-01) | +0.3 mg/dL (+25%) |");
    expect(result.patient_response).toContain("went up from 1.2 to 1.5 mg/dL");
  });

  it("reads an HL7 v2 message uploaded as text/plain (format detected from the content)", async () => {
    const hl7 = await readFile(path.join(SAMPLES, "ORU-R01-RMGEAD.hl7"));
    const lab = await registerFile(hl7, "text/plain", "message.txt");
    const result = await settled(lab.userId, lab.token, lab.labId);
    expect(result.status).toBe("ready");
    expect(result.analytes[0]).toMatchObject({ value_number: 182, flag: "High" });
  });

  it("fails a FHIR report whose observations are not included, saying so", async () => {
    const report = await readFile(path.join(SAMPLES, "diagnosticreport-metabolic-panel.json"));
    const lab = await registerFile(report, "application/fhir+json", "report.json");
    const result = await settled(lab.userId, lab.token, lab.labId);
    expect(result.status).toBe("failed");
    expect(result.failure_reason).toMatch(/^no lab values could be read from this file: .*\(and 7 more entries like it\)$/);
  });

  it("fails an unreadable file with a reason a person can act on, and dead-letters nothing it could not retry", async () => {
    const lab = await registerFile("this is not a lab report at all, just words", "text/csv", "notes.csv");
    const result = await settled(lab.userId, lab.token, lab.labId);
    expect(result.status).toBe("failed");
    expect(result.failure_reason).toMatch(/./);
    expect(result.failure_reason).not.toMatch(/at .*\.ts:\d+/);

    const job = jobResponse.parse((await call("GET", `/v1/users/${lab.userId}/jobs/${lab.workflowId}`, { token: lab.token })).json).data;
    expect(job.status).toBe("failed");
    expect(job.steps[0]).toMatchObject({ type: "pipeline.ingest_validate", status: "failed", attempts: 1 });
    expect(job.steps.slice(1).every((s) => s.status === "cancelled")).toBe(true);
  });
});

describe("a step that keeps failing", () => {
  it("is retried until its attempts are spent, then the lab fails and the job is dead-lettered", async () => {
    const { db } = await import("@/lib/db");
    const { startLabWorkflow } = await import("@/lib/labs/start-workflow");
    const { PIPELINE_STEPS } = await import("@/lib/labs");
    const { apiKey, organizationId } = await createTenant();
    const member = await createMember(apiKey);
    // A registered upload whose bytes are gone from storage: reading them fails every time, not for a
    // reason in the file, so the step is retried.
    const upload = await db.upload.create({
      data: { organizationId, memberId: member.userId, storageKey: `${organizationId}/vanished`, contentType: "text/csv", declaredSize: 10, state: "registered", expiresAt: new Date() },
    });
    const lab = await db.labResult.create({
      data: {
        organizationId,
        memberId: member.userId,
        uploadId: upload.id,
        source: "upload",
        jobs: { create: PIPELINE_STEPS.map((s) => ({ organizationId, type: s.type })) },
      },
    });
    const workflowId = await startLabWorkflow(lab);
    const result = await settled(member.userId, member.token, lab.id);
    expect(result.status).toBe("failed");
    expect(result.failure_reason).toBe("processing failed after 4 attempts: could not read the uploaded file from storage");

    const job = jobResponse.parse((await call("GET", `/v1/users/${member.userId}/jobs/${workflowId}`, { token: member.token })).json).data;
    expect(job.steps[0]).toMatchObject({ type: "pipeline.ingest_validate", status: "dead_letter", attempts: 4, max_attempts: 4 });
    expect(job.steps[0].error).toBeTruthy();
  });
});
