/**
 * Mirrors the workflow's steps into Job rows (seed 002's public job lifecycle): each step marks its job
 * running with the attempt number, then succeeded, or failed with the error. The run's failure handler
 * settles the last word (failed or dead_letter) once retries are spent. Each change of status is reported
 * as `lab.job_status_changed` in its own transaction (../lifecycle-webhooks.ts); a step repeated with the
 * same status and attempt reports nothing twice.
 */
import { db, Prisma, type JobStatus, type JobType, type Tx } from "../../db";
import { log } from "../../log";
import { destinations } from "../../webhooks";
import { LAB_EVENT } from "../../webhooks/event-types";
import { enqueueJobStatusChanged } from "../lifecycle-webhooks";
import { PIPELINE_STEPS } from "../pipeline-steps";
import { isPublicError, shownError, writeErrorDetail } from "./failure";
import { withWebhooks } from "./notify";
import type { PipelineLab } from "./pipeline-lab";

type ReportedStatus = "running" | "succeeded" | "failed" | "dead_letter" | "cancelled";

/** Reports the job's move to `status` when it is one (a repeated step leaves status and attempt as they were). */
async function reportJob(
  tx: Tx,
  lab: PipelineLab,
  before: JobState | null,
  status: ReportedStatus,
  attempt: number,
): Promise<string[]> {
  if (!before || (before.status === status && before.attempts === attempt)) return [];
  return enqueueJobStatusChanged(tx, lab, { id: before.id, type: before.type, status, attempt });
}

const JOB_STATE = { id: true, type: true, status: true, attempts: true } as const;
type JobState = { id: string; type: JobType; status: JobStatus; attempts: number };
const findJob = (tx: Tx, { labResultId, organizationId }: PipelineLab, type: JobType) =>
  tx.job.findUnique({ where: { labResultId_type: { labResultId, type }, organizationId }, select: JOB_STATE });

const STEP_ORDER = Object.fromEntries(PIPELINE_STEPS.map((s, i) => [s.type, i])) as Record<JobType, number>;
const SLA_SECONDS = Object.fromEntries(PIPELINE_STEPS.map((s) => [s.type, s.slaSeconds])) as Record<JobType, number>;

/**
 * Whether any endpoint of the organisation hears of job changes. Most have none, and then a change of status
 * is one statement instead of a transaction that reads the job, updates it and looks for endpoints — twice per
 * step. An endpoint created while the statement runs hears of the lab's changes from the next one on, as if it
 * had been created a moment later.
 */
async function jobChangesHeard({ organizationId }: PipelineLab): Promise<boolean> {
  return (await destinations(db, { organizationId, eventType: LAB_EVENT.jobStatusChanged })).length > 0;
}

/** Applies a job's change of status, reporting it (`lab.job_status_changed`) when anyone listens. */
async function changeJob(lab: PipelineLab, type: JobType, change: (tx: Tx) => Promise<void>, report: (tx: Tx, before: JobState | null) => Promise<string[]>) {
  if (!(await jobChangesHeard(lab))) return change(db);
  await withWebhooks(async (tx) => {
    const before = await findJob(tx, lab, type);
    await change(tx);
    return { value: undefined, deliveries: await report(tx, before) };
  });
}

export async function markJobRunning(lab: PipelineLab, type: JobType, attempt: number, maxAttempts: number) {
  const { labResultId, organizationId } = lab;
  const now = new Date();
  await changeJob(
    lab,
    type,
    async (tx) => {
      await tx.job.updateMany({
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
    },
    (tx, before) => reportJob(tx, lab, before, "running", attempt + 1),
  );
}

/**
 * Marks a job succeeded in the caller's transaction (once: a job already succeeded keeps its time) and
 * returns the deliveries reporting it. The last step calls it in the transaction that makes the lab ready,
 * so `lab.results_ready` is the lab's last event and no reader sees a ready lab with a running job.
 */
export async function succeedJob(tx: Tx, lab: PipelineLab, type: JobType): Promise<string[]> {
  const before = await findJob(tx, lab, type);
  await setSucceeded(tx, lab, type);
  return reportJob(tx, lab, before, "succeeded", before?.attempts ?? 0);
}

const setSucceeded = (tx: Tx, { labResultId, organizationId }: PipelineLab, type: JobType) =>
  tx.job.updateMany({ where: { labResultId, organizationId, type, status: { not: "succeeded" } }, data: { status: "succeeded", completedAt: new Date() } });

export async function markJobSucceeded(lab: PipelineLab, type: JobType) {
  await changeJob(
    lab,
    type,
    async (tx) => {
      await setSucceeded(tx, lab, type);
    },
    (tx, before) => reportJob(tx, lab, before, "succeeded", before?.attempts ?? 0),
  );
}

/**
 * An attempt failed; the job stays `failed` until a retry picks it up again or the run gives up. The job
 * shows a reason a person can read (lib/labs/pipeline/failure.ts); an unexpected error is logged with the
 * job's id as its reference and kept whole in `errorDetail`.
 */
export async function markJobAttemptFailed(lab: PipelineLab, type: JobType, error: Error) {
  const { labResultId, organizationId } = lab;
  const job = await findJob(db, lab, type);
  const reference = job?.id ?? labResultId;
  if (!isPublicError(error)) log.error({ component: "pipeline", labResultId, job: type, attempt: job?.attempts ?? null, reference, err: error }, "pipeline step attempt failed");
  await withWebhooks(async (tx) => {
    const before = await findJob(tx, lab, type);
    await tx.job.updateMany({
      where: { labResultId, organizationId, type },
      data: { status: "failed", failedAt: new Date(), lastError: shownError(error, reference), errorDetail: writeErrorDetail(error, reference) },
    });
    return { value: undefined, deliveries: await reportJob(tx, lab, before, "failed", before?.attempts ?? 0) };
  });
}

/**
 * The run gave up: the step that failed becomes `dead_letter` when its retries were spent (or `failed` when
 * the error was not retryable), and the steps that never ran are `cancelled`.
 */
export async function settleJobsAfterFailure(lab: PipelineLab, retriesExhausted: boolean) {
  const { labResultId, organizationId } = lab;
  const settled: ReportedStatus = retriesExhausted ? "dead_letter" : "failed";
  await withWebhooks(async (tx) => {
    const jobs = await tx.job.findMany({
      where: { labResultId, organizationId, status: { in: ["failed", "running", "pending", "queued"] } },
      select: JOB_STATE,
    });
    await tx.job.updateMany({ where: { labResultId, organizationId, status: { in: ["failed", "running"] } }, data: { status: settled, failedAt: new Date() } });
    await tx.job.updateMany({ where: { labResultId, organizationId, status: { in: ["pending", "queued"] } }, data: { status: "cancelled" } });
    const deliveries: string[] = [];
    for (const job of jobs.sort((a, b) => STEP_ORDER[a.type] - STEP_ORDER[b.type])) {
      const status = job.status === "failed" || job.status === "running" ? settled : "cancelled";
      deliveries.push(...(await reportJob(tx, lab, job, status, job.attempts)));
    }
    return { value: undefined, deliveries };
  });
}
