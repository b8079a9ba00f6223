/**
 * Re-running a failed lab: a clinician fixed what the reason said (or the failure was ours) and asks again.
 * The lab and its jobs go back to the state registration left them in, in one transaction that only a
 * `failed` lab passes (two clicks, one run), and a new run starts under its own event id. The file is the
 * one that was uploaded: readVerifiedUpload still holds it to its recorded SHA-256.
 */
import { randomUUID } from "node:crypto";
import { db, Prisma } from "../db";
import { AppError, notFound } from "../http/errors";
import { startLabWorkflow } from "./start-workflow";

export async function rerunFailedLab(organizationId: string, labResultId: string): Promise<{ workflowId: string | null }> {
  // A re-run is a new run of the same lab: its own event id, kept on the lab so that a failed start can be
  // sent again under it (./start-sweeper.ts), de-duplicated in turn.
  const workflowEventId = `lab-${labResultId}-rerun-${randomUUID()}`;
  const reset = await db.$transaction(async (tx) => {
    const { count } = await tx.labResult.updateMany({
      where: { id: labResultId, organizationId, status: "failed" },
      data: { status: "pending", failureReason: null, startedAt: null, completedAt: null, workflowId: null, workflowEventId },
    });
    if (!count) return false;
    await tx.job.updateMany({
      where: { labResultId, organizationId },
      data: {
        status: "pending",
        attempts: 0,
        lastError: null,
        errorDetail: Prisma.DbNull,
        queuedAt: null,
        acceptedAt: null,
        startedAt: null,
        completedAt: null,
        failedAt: null,
        slaDeadlineAt: null,
      },
    });
    return true;
  });
  if (!reset) {
    const lab = await db.labResult.findFirst({ where: { id: labResultId, organizationId }, select: { status: true } });
    if (!lab) throw notFound("Lab result");
    throw new AppError("CONFLICT", `Only a failed lab can be re-run; this one is ${lab.status}`);
  }
  return { workflowId: await startLabWorkflow({ id: labResultId, organizationId, workflowEventId }) };
}
