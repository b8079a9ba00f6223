/**
 * Mirrors the workflow's steps into Job rows (seed 002's public job lifecycle): a job is running with its
 * attempt number while its step runs, then succeeded, or failed with the error. The run's failure handler
 * settles the last word (failed or dead_letter) once retries are spent. Each change of status is reported
 * as `lab.job_status_changed` in the transaction that makes it (../lifecycle-webhooks.ts); a step repeated with
 * the same status and attempt reports nothing twice. Nobody listens to most organisations' job changes: then a
 * change is one statement, and the end of one step and the start of the next are one statement together.
 */
import { db, Prisma, type JobStatus, type JobType, type Tx } from "../../db";
import { pooledSql } from "../../db/prepared";
import { log } from "../../log";
import { subscribedSql } from "../../webhooks";
import { LAB_EVENT } from "../../webhooks/event-types";
import { enqueueJobStatusChanged } from "../lifecycle-webhooks";
import { JOB_TYPE_SLUG, PIPELINE_STEPS } from "../pipeline-steps";
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

/**
 * Applies `move` in the caller's transaction and returns the job as it was before it, in one statement; null
 * when the move changed nothing. Each move's UPDATE skips a job already where it would put it, and that test is
 * made again under the row's lock: of two transactions making the same move at once (a step run twice at once),
 * only the one that changed the row reports it.
 */
async function applyMove(tx: Tx, lab: PipelineLab, move: JobMove): Promise<JobState | null> {
  const [row] = await tx.$queryRaw<(Omit<JobState, "type"> & { changed: boolean })[]>`
    WITH before AS (SELECT id, status::text AS status, attempts FROM jobs ${jobWhere(lab, move.type)}), moved AS (${move.sql} RETURNING 1)
    SELECT id, status, attempts, EXISTS (SELECT 1 FROM moved) AS changed FROM before`;
  return row?.changed ? { id: row.id, status: row.status, attempts: row.attempts, type: move.type } : null;
}

const STEP_ORDER = Object.fromEntries(PIPELINE_STEPS.map((s, i) => [s.type, i])) as Record<JobType, number>;
const SLA_SECONDS = Object.fromEntries(PIPELINE_STEPS.map((s) => [s.type, s.slaSeconds])) as Record<JobType, number>;

/**
 * Applies job updates in one statement when no endpoint of the organisation hears of job changes (most have
 * none), and says whether one does: then nothing was changed, and the caller makes the change in a transaction
 * that reports it. The test and the updates share one snapshot; an endpoint created meanwhile hears of the
 * lab's changes from the next one on, as if it had been created a moment later.
 */
async function changedUnheard({ organizationId }: PipelineLab, updates: Prisma.Sql[]): Promise<boolean> {
  const changes = updates.map((update, i) => Prisma.sql`, ${Prisma.raw(`change_${i}`)} AS (${update} AND NOT (SELECT yes FROM heard) RETURNING 1)`);
  const [{ heard }] = await pooledSql<{ heard: boolean }>(Prisma.sql`
    WITH heard AS (SELECT ${subscribedSql(organizationId, LAB_EVENT.jobStatusChanged)} AS yes) ${Prisma.join(changes, " ")}
    SELECT yes AS heard FROM heard`);
  return !heard;
}

/** A job's move to `status`: its UPDATE, and the attempt to report (else the job's own). */
interface JobMove {
  type: JobType;
  status: ReportedStatus;
  sql: Prisma.Sql;
  attempt?: number;
}

/** Job moves, applied unheard in one statement, or else in a transaction that reports each. */
async function changeJobs(lab: PipelineLab, moves: JobMove[]) {
  if (await changedUnheard(lab, moves.map((m) => m.sql))) return;
  await withWebhooks(async (tx) => {
    const deliveries: string[] = [];
    for (const move of moves) {
      const before = await applyMove(tx, lab, move);
      deliveries.push(...(await reportJob(tx, lab, before, move.status, move.attempt ?? before?.attempts ?? 0)));
    }
    return { value: undefined, deliveries };
  });
}

const jobWhere = ({ labResultId, organizationId }: PipelineLab, type: JobType) =>
  Prisma.sql`WHERE lab_result_id = ${labResultId}::uuid AND organization_id = ${organizationId}::uuid AND type = ${JOB_TYPE_SLUG[type]}::job_type`;

/** The job's move to `running` for attempt `attempt` (0-based) of its step. */
function runningMove(lab: PipelineLab, type: JobType, attempt: number, maxAttempts: number): JobMove {
  const now = new Date();
  const slaDeadlineAt = new Date(now.getTime() + SLA_SECONDS[type] * 1000);
  return {
    type,
    status: "running",
    attempt: attempt + 1,
    // A job that starts was queued: its first step can start before the workflow's start has recorded that
    // (../start-workflow.ts runs once the event is sent, and the executor may call the run at once).
    sql: Prisma.sql`UPDATE jobs SET status = 'running', attempts = ${attempt + 1}, max_attempts = ${maxAttempts}, started_at = ${now},
      queued_at = coalesce(queued_at, ${now}), accepted_at = ${now}, sla_deadline_at = ${slaDeadlineAt}, last_error = NULL, error_detail = NULL,
      failed_at = NULL, updated_at = now()
      ${jobWhere(lab, type)} AND NOT (status = 'running' AND attempts = ${attempt + 1})`,
  };
}

/** The job's move to `succeeded` (once: a job already succeeded keeps its time). */
function succeededMove(lab: PipelineLab, type: JobType): JobMove {
  return {
    type,
    status: "succeeded",
    sql: Prisma.sql`UPDATE jobs SET status = 'succeeded', completed_at = ${new Date()}, updated_at = now() ${jobWhere(lab, type)} AND status <> 'succeeded'`,
  };
}

export async function markJobRunning(lab: PipelineLab, type: JobType, attempt: number, maxAttempts: number) {
  await changeJobs(lab, [runningMove(lab, type, attempt, maxAttempts)]);
}

const FIRST_STEP = PIPELINE_STEPS[0].type;
const NEXT_STEP = Object.fromEntries(PIPELINE_STEPS.map((s, i) => [s.type, PIPELINE_STEPS[i + 1]?.type])) as Record<JobType, JobType | undefined>;

/**
 * The start of a step's attempt. The first attempt of every step after the first was started by the step
 * before, in the statement that finished it (`finishJob`): the steps run back to back, and the job is accepted
 * the moment its predecessor is done. A retry, and the first step, start their job here.
 */
export async function startJob(lab: PipelineLab, type: JobType, attempt: number, maxAttempts: number) {
  if (attempt === 0 && type !== FIRST_STEP) return;
  await markJobRunning(lab, type, attempt, maxAttempts);
}

/**
 * A step's work is done: its job succeeds and the next step's job starts its first attempt, in one statement
 * (or one transaction reporting both, in that order). The last step's job is finished by its own work, in the
 * transaction that makes the lab ready (`completeLab`).
 */
export async function finishJob(lab: PipelineLab, type: JobType, maxAttempts: number) {
  const next = NEXT_STEP[type];
  if (!next) return;
  await changeJobs(lab, [succeededMove(lab, type), runningMove(lab, next, 0, maxAttempts)]);
}

/**
 * Marks a job succeeded in the caller's transaction (once: a job already succeeded keeps its time) and
 * returns the deliveries reporting it. The last step calls it in the transaction that makes the lab ready,
 * so `lab.results_ready` is the lab's last event and no reader sees a ready lab with a running job.
 */
export async function succeedJob(tx: Tx, lab: PipelineLab, type: JobType): Promise<string[]> {
  const before = await applyMove(tx, lab, succeededMove(lab, type));
  return reportJob(tx, lab, before, "succeeded", before?.attempts ?? 0);
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
