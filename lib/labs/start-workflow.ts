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
  const now = new Date();
  await db.$transaction([
    db.labResult.update({ where: { id: lab.id, organizationId: lab.organizationId }, data: { workflowId } }),
    db.job.updateMany({ where: { labResultId: lab.id, organizationId: lab.organizationId, status: "pending" }, data: { status: "queued", queuedAt: now } }),
  ]);
  return workflowId;
}
