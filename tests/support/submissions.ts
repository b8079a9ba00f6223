/** Helpers for the Submissions API tests: a POST with the write headers, a submission row, waiting for one to settle. */
import { randomUUID } from "node:crypto";
import { db, type LabStatus } from "@/lib/db";
import { PIPELINE_STEPS } from "@/lib/labs";
import { call } from "./app";
import { eventually } from "./eventually";

/** A small panel the engine has things to say about (kidney, blood sugar). */
export const submissionBody = (overrides: Record<string, unknown> = {}) => ({
  partnerSubmissionId: `sub-${randomUUID()}`,
  partnerSubjectId: "subject-0001",
  labResults: [
    { name: "Creatinine", value: "1.8", unit: "mg/dL", flag: "High", referenceRange: "0.7-1.3 mg/dL", date: "2026-01-14" },
    { name: "eGFR", value: "38", unit: "mL/min/1.73m2", flag: "Low", referenceRange: ">60 mL/min/1.73m2", date: "2026-01-14" },
    { name: "Hemoglobin A1c", value: "7.2%", referenceRange: "4.0-5.6%", date: "2026-01-14" },
  ],
  patient: { age: "68", gender: "male", conditions: ["Type 2 diabetes"] },
  ...overrides,
});

/** POST /v1/submissions with fresh write headers unless the test gives its own. */
export function submit(apiKey: string, body: unknown, headers: Record<string, string> = {}) {
  return call("POST", "/v1/submissions", {
    apiKey,
    body,
    headers: { "x-correlation-id": `corr-${randomUUID()}`, "idempotency-key": `idem-${randomUUID()}`, ...headers },
  });
}

/** GET a submission until it is completed or failed. */
export function untilSettled(apiKey: string, submissionId: string, timeoutMs = 30_000) {
  return eventually(async () => {
    const res = await call("GET", `/v1/submissions/${submissionId}`, { apiKey });
    if (res.status !== 200) throw new Error(`GET answered ${res.status}: ${res.text}`);
    if (res.json.status !== "completed" && res.json.status !== "failed") throw new Error(`still ${res.json.status}`);
    return res;
  }, timeoutMs);
}

/**
 * A submission written straight to the database, its pipeline not started: for states the pipeline passes
 * through too quickly to catch (queued, running) or that need set-up (a restricted key, list order).
 */
export async function insertSubmission(
  organizationId: string,
  data: { status?: LabStatus; partnerSubjectId?: string; partnerApiKeyId?: string | null; createdAt?: Date; input?: null } = {},
) {
  return db.labResult.create({
    data: {
      organizationId,
      source: "submission",
      status: data.status ?? "pending",
      partnerSubmissionId: `sub-${randomUUID()}`,
      partnerSubjectId: data.partnerSubjectId ?? "subject-0001",
      partnerApiKeyId: data.partnerApiKeyId ?? null,
      correlationId: `corr-${randomUUID()}`,
      ...(data.createdAt ? { createdAt: data.createdAt } : {}),
      jobs: { create: PIPELINE_STEPS.map((step) => ({ organizationId, type: step.type })) },
    },
    include: { jobs: true },
  });
}
