/**
 * Starts the pipeline for a lab result by sending its event. The event id is derived from the lab (`lab-<id>`,
 * or the re-run's own id kept in `workflowEventId`), so a start sent again — by a retried registration or by
 * the sweep of unstarted labs (./start-sweeper.ts) — is de-duplicated by Inngest rather than running the lab
 * twice. If the event cannot be sent the lab stays `pending` with `workflow_id: null` (seed 000).
 */
import { Prisma } from "../db";
import { pooledSql } from "../db/prepared";
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
 * Queues the lab's pending jobs and stores its workflow id, in one statement. The first step may already be
 * running: it locks its job row and then the lab row (to number its webhook event, ./pipeline/jobs.ts). Taking
 * the rows in the same order here — the jobs (the sub-select over `queued`, evaluated before the lab row is
 * locked), then the lab — makes this wait for that step instead of deadlocking with it.
 */
export async function recordWorkflowStarted(lab: { id: string; organizationId: string }, workflowId: string): Promise<void> {
  await pooledSql(Prisma.sql`
    WITH queued AS (
      UPDATE jobs SET status = 'queued', queued_at = ${new Date()}::timestamptz, updated_at = now()
       WHERE lab_result_id = ${lab.id}::uuid AND organization_id = ${lab.organizationId}::uuid AND status = 'pending'
      RETURNING 1)
    UPDATE lab_results SET workflow_id = ${workflowId}, updated_at = now()
     WHERE id = ${lab.id}::uuid AND organization_id = ${lab.organizationId}::uuid AND (SELECT count(*) FROM queued) >= 0`);
}
