/**
 * Starts the pipeline for a lab result by sending its event. The event id is derived from the lab (`lab-<id>`,
 * or the re-run's own id kept in `workflowEventId`), so a start sent again — by a retried registration or by
 * the sweep of unstarted labs (./start-sweeper.ts) — is de-duplicated by Inngest rather than running the lab
 * twice. If the event cannot be sent the lab stays `pending` with `workflow_id: null` (seed 000).
 */
import { db } from "../db";
import { labAnalysisRequested, publish } from "../events";
import { log } from "../log";

export interface StartableLab {
  id: string;
  organizationId: string;
  workflowEventId?: string | null;
}

/** The id of the event that starts the lab's current run. */
export const workflowEventIdOf = (lab: StartableLab) => lab.workflowEventId ?? `lab-${lab.id}`;

export async function startLabWorkflow(lab: StartableLab): Promise<string | null> {
  let workflowId: string | null = null;
  try {
    const { ids } = await publish(labAnalysisRequested.create({ labResultId: lab.id, organizationId: lab.organizationId }, { id: workflowEventIdOf(lab) }));
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
