/**
 * Starts the pipeline for a lab result by sending its event. The event id is derived from the lab id, so a
 * retried start is de-duplicated by Inngest rather than running the lab twice. If the event cannot be sent
 * the lab stays `pending` with `workflow_id: null` (seed 000) and the caller may retry.
 */
import { db } from "../db";
import { labAnalysisRequested, publish } from "../events";
import { log } from "../log";

export async function startLabWorkflow(lab: { id: string; organizationId: string }, options: { run?: string } = {}): Promise<string | null> {
  let workflowId: string | null = null;
  // A re-run is a new run of the same lab: its own event id, de-duplicated in turn.
  const eventId = options.run ? `lab-${lab.id}-${options.run}` : `lab-${lab.id}`;
  try {
    const { ids } = await publish(labAnalysisRequested.create({ labResultId: lab.id, organizationId: lab.organizationId }, { id: eventId }));
    workflowId = ids[0] ?? null;
  } catch (error) {
    log.warn({ component: "labs", labResultId: lab.id, err: error }, "could not start the workflow; the lab stays pending");
    return null;
  }
  if (!workflowId) return null;
  await recordWorkflowStarted(lab, workflowId);
  return workflowId;
}

/**
 * Queues the lab's pending jobs and stores its workflow id. The first step may already be running: it locks
 * its job row and then the lab row (to number its webhook event, ./pipeline/jobs.ts). Taking the rows in the
 * same order here — jobs, then the lab — makes this wait for that step instead of deadlocking with it.
 */
export async function recordWorkflowStarted(lab: { id: string; organizationId: string }, workflowId: string): Promise<void> {
  const where = { labResultId: lab.id, organizationId: lab.organizationId };
  await db.$transaction([
    db.job.updateMany({ where: { ...where, status: "pending" }, data: { status: "queued", queuedAt: new Date() } }),
    db.labResult.update({ where: { id: lab.id, organizationId: lab.organizationId }, data: { workflowId } }),
  ]);
}
