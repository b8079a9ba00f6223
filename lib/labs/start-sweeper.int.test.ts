/**
 * The sweep for labs whose workflow never started (registration committed the lab, then could not send its
 * event): it sends the event of each lab pending without a workflow for a while, under the lab's own event id —
 * a re-run's kept id included — leaves labs still being registered alone, and never starts a second run of a
 * lab whose event had in fact arrived.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { labAnalysisRequested, publish } from "../events";
import { createOrganization } from "../organizations";
import { PIPELINE_STEPS } from "./pipeline-steps";
import { startUnstartedLabs } from "./start-sweeper";

async function pendingLab(organizationId: string, options: { ageMs: number; workflowEventId?: string }) {
  const lab = await db.labResult.create({
    data: {
      organizationId,
      source: "upload",
      status: "pending",
      workflowEventId: options.workflowEventId,
      jobs: { create: PIPELINE_STEPS.map((s) => ({ organizationId, type: s.type })) },
    },
  });
  await db.$executeRaw`UPDATE lab_results SET updated_at = now() - make_interval(secs => ${options.ageMs / 1000}) WHERE id = ${lab.id}::uuid`;
  return lab;
}

const state = (id: string) => db.labResult.findUniqueOrThrow({ where: { id }, select: { workflowId: true, status: true } });

describe("startUnstartedLabs", () => {
  it("starts labs left without a workflow, under their own event id, and only those", async () => {
    const { organization } = await createOrganization({ name: `Sweep ${Date.now()}` });
    const stalled = await pendingLab(organization.id, { ageMs: 60_000 });
    const rerun = await pendingLab(organization.id, { ageMs: 60_000, workflowEventId: `lab-rerun-kept-${Date.now()}` });
    const registering = await pendingLab(organization.id, { ageMs: 0 });
    // Its event arrived, but the process died before recording the workflow. (The event names another
    // organisation, so that its run finds nothing and leaves the lab exactly as the crash left it.)
    const arrived = await pendingLab(organization.id, { ageMs: 60_000 });
    await publish(labAnalysisRequested.create({ labResultId: arrived.id, organizationId: randomUUID() }, { id: `lab-${arrived.id}` }));

    expect(await startUnstartedLabs({ organizationId: organization.id })).toBe(3);

    expect((await state(stalled.id)).workflowId).toBe(`lab-${stalled.id}`);
    expect((await state(rerun.id)).workflowId).toBe(rerun.workflowEventId);
    expect((await state(arrived.id)).workflowId).toBe(`lab-${arrived.id}`);
    expect(await state(registering.id)).toEqual({ workflowId: null, status: "pending" });
    // One run per lab, however often its start was sent.
    const runs = await db.executorRun.findMany({ where: { eventId: { in: [`lab-${stalled.id}`, rerun.workflowEventId!, `lab-${arrived.id}`] } } });
    expect(runs.map((r) => r.eventId).sort()).toEqual([`lab-${stalled.id}`, rerun.workflowEventId!, `lab-${arrived.id}`].sort());
    // A second sweep finds nothing left to start.
    expect(await startUnstartedLabs({ organizationId: organization.id })).toBe(0);
  });
});
