/**
 * Recording a started workflow while its first step is already running. The step locks its job row and then
 * the lab row (to number its webhook event); recording the workflow must take the rows in the same order, or
 * PostgreSQL breaks the deadlock by failing one of them — and the registration answers 500. Seen in CI on a
 * loaded machine, where the executor's first step raced the app's own bookkeeping.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createOrganization } from "../organizations";
import { allocateSequenceNumber } from "../webhooks";
import { PIPELINE_STEPS } from "./pipeline-steps";
import { recordWorkflowStarted } from "./start-workflow";

async function pendingLab() {
  const { organization } = await createOrganization({ name: `Start workflow ${Date.now()}-${Math.random().toString(36).slice(2, 8)}` });
  return db.labResult.create({
    data: {
      organizationId: organization.id,
      source: "upload",
      status: "pending",
      jobs: { create: PIPELINE_STEPS.map((s) => ({ organizationId: organization.id, type: s.type })) },
    },
  });
}

describe("recordWorkflowStarted", () => {
  it("waits for a first step that holds its job row, instead of deadlocking with it", async () => {
    const lab = await pendingLab();
    const first = PIPELINE_STEPS[0].type;

    // The first step as ./pipeline/jobs.ts runs it: its job row, a pause, then the lab row.
    const step = db.$transaction(async (tx) => {
      await tx.job.updateMany({ where: { labResultId: lab.id, type: first }, data: { status: "running", attempts: 1 } });
      await sleep(400);
      return allocateSequenceNumber(tx, lab);
    });
    await sleep(100);
    const recorded = recordWorkflowStarted(lab, "workflow-1");

    await expect(Promise.all([step, recorded])).resolves.toEqual([1, undefined]);
    const jobs = await db.job.findMany({ where: { labResultId: lab.id }, select: { type: true, status: true } });
    expect(jobs.find((j) => j.type === first)?.status).toBe("running");
    expect(jobs.filter((j) => j.type !== first).every((j) => j.status === "queued")).toBe(true);
    expect(await db.labResult.findUniqueOrThrow({ where: { id: lab.id }, select: { workflowId: true } })).toEqual({ workflowId: "workflow-1" });
  });
});
