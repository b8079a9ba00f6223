/**
 * What a partner reads when a lab fails: a reason written for people when the file is the problem, and a
 * generic sentence with a reference when Labwise is — never the database driver's text (the probe saw
 * Prisma's transaction-timeout message as a lab's reason). The failure is recorded the way the pipeline's
 * function records it (its step wrapper and failure handler call these services).
 */
import { randomUUID } from "node:crypto";
import { NonRetriableError } from "inngest";
import { describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db";
import { ExtractionError } from "@/lib/ingest";
import { jobResponse, labDetailResponse, PIPELINE_STEPS } from "@/lib/labs";
import { markJobAttemptFailed, markJobRunning, recordRunFailure } from "@/lib/labs/pipeline";
import { call } from "../support/app";
import { createMember, createTenant } from "../support/fixtures";

async function labWithJobs() {
  const { apiKey, organizationId } = await createTenant();
  const member = await createMember(apiKey);
  const workflowId = `test-${randomUUID()}`;
  const lab = await db.labResult.create({
    data: {
      organizationId,
      memberId: member.userId,
      source: "submission",
      status: "processing",
      workflowId,
      jobs: { create: PIPELINE_STEPS.map((s) => ({ organizationId, type: s.type })) },
    },
  });
  const read = async () => ({
    lab: labDetailResponse.parse((await call("GET", `/v1/users/${member.userId}/labs/${lab.id}`, { token: member.token })).json).data,
    run: jobResponse.parse((await call("GET", `/v1/users/${member.userId}/jobs/${workflowId}`, { token: member.token })).json).data,
  });
  return { labId: lab.id, pipelineLab: { labResultId: lab.id, organizationId }, read };
}

const TIMEOUT_TEXT =
  "Transaction API error: Transaction already closed: A commit cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms, however 5012 ms passed since the start of the transaction.";

describe("a lab that fails", () => {
  it("shows a generic reason with a reference when a step fails unexpectedly, and keeps the real error internal", async () => {
    const { labId, pipelineLab, read } = await labWithJobs();
    const error = new Prisma.PrismaClientKnownRequestError(TIMEOUT_TEXT, { code: "P2028", clientVersion: Prisma.prismaVersion.client });
    for (let attempt = 0; attempt < 4; attempt++) {
      await markJobRunning(pipelineLab, "map_to_fhir", attempt, 4);
      await markJobAttemptFailed(pipelineLab, "map_to_fhir", error);
    }
    await recordRunFailure(pipelineLab, { retriesExhausted: true, attempts: 4, error });

    const job = await db.job.findUniqueOrThrow({ where: { labResultId_type: { labResultId: labId, type: "map_to_fhir" } } });
    const generic = `Labwise could not process this file because of an internal error; it has been logged — try again or contact support (reference ${job.id})`;
    const { lab, run } = await read();
    expect(lab).toMatchObject({ status: "failed", failure_reason: generic });
    expect(run.error).toBe(generic);
    expect(run.steps.find((s) => s.type === "pipeline.map_to_fhir")).toMatchObject({ status: "dead_letter", error: generic });
    expect(JSON.stringify({ lab, run })).not.toMatch(/prisma|transaction|timeout|P2028/i);
    expect(job.errorDetail).toMatchObject({ reference: job.id, public: false, name: "PrismaClientKnownRequestError", message: TIMEOUT_TEXT });
  });

  it("shows the reason as written when the file is the problem", async () => {
    const { pipelineLab, read } = await labWithJobs();
    const reason = "this file holds 50,000 results; Labwise reads at most 5,000 per lab — split the file into files of at most 5,000 results and upload each";
    const error = new NonRetriableError(reason, { cause: new ExtractionError(reason) });
    await markJobRunning(pipelineLab, "ingest_validate", 0, 4);
    await markJobAttemptFailed(pipelineLab, "ingest_validate", error);
    await recordRunFailure(pipelineLab, { retriesExhausted: false, attempts: 4, error });

    const { lab, run } = await read();
    expect(lab).toMatchObject({ status: "failed", failure_reason: reason });
    expect(run.steps[0]).toMatchObject({ status: "failed", attempts: 1, error: reason });
    expect(run.steps.slice(1).every((s) => s.status === "cancelled")).toBe(true);
  });

  it("gives a reference even when the run failed outside its steps", async () => {
    const { labId, pipelineLab, read } = await labWithJobs();
    await recordRunFailure(pipelineLab, { retriesExhausted: true, attempts: 4, error: new Error("connect ECONNREFUSED 127.0.0.1:5432") });
    const { lab } = await read();
    expect(lab.failure_reason).toBe(`Labwise could not process this file because of an internal error; it has been logged — try again or contact support (reference ${labId})`);
  });
});
