/**
 * The Job rows that mirror the workflow's steps (./jobs.ts). The executor may call a run the moment its event
 * is stored, before the app that sent the event has recorded the workflow's start (queuing the jobs): the
 * first step then starts a job still `pending`, and the job must still say when it was queued (seed 002's
 * PartnerJobDetailResponse has `queuedAt` for every job that ran).
 */
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { createOrganization } from "../../organizations";
import { PIPELINE_STEPS } from "../pipeline-steps";
import { createEndpoint } from "../../webhooks";
import { recordWorkflowStarted } from "../start-workflow";
import { finishJob, startJob } from "./jobs";

async function pendingLab() {
  const { organization } = await createOrganization({ name: `Jobs ${Date.now()}-${Math.random().toString(36).slice(2, 8)}` });
  const lab = await db.labResult.create({
    data: { organizationId: organization.id, source: "submission", jobs: { create: PIPELINE_STEPS.map((s) => ({ organizationId: organization.id, type: s.type })) } },
  });
  return { labResultId: lab.id, organizationId: organization.id };
}

describe("a step that starts before the workflow's start is recorded", () => {
  it("still gives its job, and the next one it starts, a queued time no later than their start", async () => {
    const lab = await pendingLab();
    await startJob(lab, "ingest_validate", 0, 4);
    await finishJob(lab, "ingest_validate", 4);
    await recordWorkflowStarted({ id: lab.labResultId, organizationId: lab.organizationId }, `lab-${lab.labResultId}`);

    const jobs = await db.job.findMany({ where: { labResultId: lab.labResultId } });
    const byType = new Map(jobs.map((j) => [j.type, j]));
    for (const type of ["ingest_validate", "deidentify"] as const) {
      const job = byType.get(type)!;
      expect(job.queuedAt, type).not.toBeNull();
      expect(job.queuedAt!.getTime()).toBeLessThanOrEqual(job.startedAt!.getTime());
    }
    expect(byType.get("ingest_validate")!.status).toBe("succeeded");
    expect(byType.get("deidentify")!.status).toBe("running");
    // The jobs not reached yet are queued by the workflow's start, as always.
    expect(byType.get("map_to_fhir")).toMatchObject({ status: "queued" });
    expect(byType.get("map_to_fhir")!.queuedAt).not.toBeNull();
  });
});

describe("the same move made twice at once (a step run twice at once)", () => {
  it("is reported once, by the transaction that changed the job", async () => {
    const lab = await pendingLab();
    // Somebody hears of job changes: each move is then made in a transaction that reports it.
    await createEndpoint({ organizationId: lab.organizationId, url: "http://127.0.0.1:9/jobs", events: ["lab.job_status_changed"] });
    await Promise.all([startJob(lab, "ingest_validate", 0, 4), startJob(lab, "ingest_validate", 0, 4)]);
    await Promise.all([finishJob(lab, "ingest_validate", 4), finishJob(lab, "ingest_validate", 4)]);

    const reports = await db.webhookDelivery.findMany({ where: { labResultId: lab.labResultId, eventType: "lab.job_status_changed" }, orderBy: { sequenceNumber: "asc" } });
    const moves = reports.map((d) => {
      const { job } = (d.payload as { data: { job: { type: string; status: string; attempt: number } } }).data;
      return [job.type, job.status, job.attempt];
    });
    expect(moves).toEqual([
      ["pipeline.ingest_validate", "running", 1],
      ["pipeline.ingest_validate", "succeeded", 1],
      ["pipeline.deidentify", "running", 1],
    ]);
  });
});
