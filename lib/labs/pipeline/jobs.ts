/**
 * Mirrors the workflow's steps into Job rows (seed 002's public job lifecycle): each step marks its job
 * running with the attempt number, then succeeded, or failed with the error. The run's failure handler
 * settles the last word (failed or dead_letter) once retries are spent.
 */
import { db, Prisma, type JobType } from "../../db";
import { log } from "../../log";
import { PIPELINE_STEPS } from "../pipeline-steps";
import { isPublicError, shownError, writeErrorDetail } from "./failure";
import type { PipelineLab } from "./pipeline-lab";

const SLA_SECONDS = Object.fromEntries(PIPELINE_STEPS.map((s) => [s.type, s.slaSeconds])) as Record<JobType, number>;

export async function markJobRunning({ labResultId, organizationId }: PipelineLab, type: JobType, attempt: number, maxAttempts: number) {
  const now = new Date();
  await db.job.updateMany({
    where: { labResultId, organizationId, type },
    data: {
      status: "running",
      attempts: attempt + 1,
      maxAttempts,
      startedAt: now,
      acceptedAt: now,
      slaDeadlineAt: new Date(now.getTime() + SLA_SECONDS[type] * 1000),
      lastError: null,
      errorDetail: Prisma.DbNull,
      failedAt: null,
    },
  });
}

export async function markJobSucceeded({ labResultId, organizationId }: PipelineLab, type: JobType) {
  await db.job.updateMany({ where: { labResultId, organizationId, type }, data: { status: "succeeded", completedAt: new Date() } });
}

/**
 * An attempt failed; the job stays `failed` until a retry picks it up again or the run gives up. The job
 * shows a reason a person can read (lib/labs/pipeline/failure.ts); an unexpected error is logged with the
 * job's id as its reference and kept whole in `errorDetail`.
 */
export async function markJobAttemptFailed({ labResultId, organizationId }: PipelineLab, type: JobType, error: Error) {
  const job = await db.job.findUnique({ where: { labResultId_type: { labResultId, type }, organizationId }, select: { id: true, attempts: true } });
  const reference = job?.id ?? labResultId;
  if (!isPublicError(error)) log.error({ component: "pipeline", labResultId, job: type, attempt: job?.attempts ?? null, reference, err: error }, "pipeline step attempt failed");
  await db.job.updateMany({
    where: { labResultId, organizationId, type },
    data: { status: "failed", failedAt: new Date(), lastError: shownError(error, reference), errorDetail: writeErrorDetail(error, reference) },
  });
}

/**
 * The run gave up: the step that failed becomes `dead_letter` when its retries were spent (or `failed` when
 * the error was not retryable), and the steps that never ran are `cancelled`.
 */
export async function settleJobsAfterFailure({ labResultId, organizationId }: PipelineLab, retriesExhausted: boolean) {
  await db.$transaction([
    db.job.updateMany({
      where: { labResultId, organizationId, status: { in: ["failed", "running"] } },
      data: { status: retriesExhausted ? "dead_letter" : "failed", failedAt: new Date() },
    }),
    db.job.updateMany({ where: { labResultId, organizationId, status: { in: ["pending", "queued"] } }, data: { status: "cancelled" } }),
  ]);
}
