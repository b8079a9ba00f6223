/**
 * Submissions and jobs as the partner surface shows them (seed 002): camelCase, ISO dates, `null` for
 * unknowns, public type slugs and status ids with labels. A job's `errorDetail` is never the stored one
 * (that keeps the stack and the driver's words for operators: ../labs/pipeline/failure.ts); the partner gets
 * the reference to quote and whether the data or Labwise was the problem.
 */
import type { Job, LabStatus } from "../db";
import { readErrorDetail } from "../labs/pipeline/failure";
import { slaBreached } from "../labs/member-serializers";
import { JOB_TYPE_LABEL, JOB_TYPE_SLUG, PIPELINE_STEPS } from "../labs/pipeline-steps";
import type { JobRecord } from "./get-job-or-throw";
import type { SubmissionRecord } from "./get-submission-or-throw";
import type { CreatedSubmission } from "./create-submission";
import type { SubmissionListRow } from "./list-submissions";
import type { PartnerJobDetail, submissionAcceptedSchema, submissionDetailSchema, submissionListSchema, submissionStatusSchema, submissionSummarySchema } from "./schemas";
import type { z } from "zod";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const JOB_STATUS_LABEL: Record<Job["status"], string> = {
  pending: "Pending",
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
  dead_letter: "Dead-lettered",
};

type SubmissionStatus = z.infer<typeof submissionStatusSchema>;
const SUBMISSION_STATUS: Record<LabStatus, SubmissionStatus> = { pending: "received", processing: "processing", ready: "completed", failed: "failed" };
const SUBMISSION_STATUS_LABEL: Record<SubmissionStatus, string> = { received: "Received", processing: "Processing", completed: "Completed", failed: "Failed" };

/** What the lab behind a job contributes to its detail. */
interface JobContext {
  id: string;
  source: "upload" | "submission" | "agent_run";
  partnerSubmissionId: string | null;
  partnerSubjectId: string | null;
  correlationId: string | null;
  /** The run's first job (pipeline.ingest_validate). */
  firstJobId: string | null;
}

/** The public face of a failure: a reference and a category, read from the stored detail; null when none. */
export function publicErrorDetail(job: Pick<Job, "id" | "errorDetail" | "lastError">): PartnerJobDetail["errorDetail"] {
  const detail = readErrorDetail(job.errorDetail);
  if (detail) return { reference: detail.reference, category: detail.public ? "input" : "internal" };
  return job.lastError ? { reference: job.id, category: "internal" } : null;
}

/** From the last start to completion or failure, in milliseconds; null while either end is unknown. */
export function processingDurationMs(job: Pick<Job, "startedAt" | "completedAt" | "failedAt" | "status">): number | null {
  const end = job.status === "succeeded" ? job.completedAt : job.failedAt;
  if (!job.startedAt || !end) return null;
  return Math.max(0, end.getTime() - job.startedAt.getTime());
}

export function serializeJobDetail(job: Job, lab: JobContext, now = new Date()): PartnerJobDetail {
  const isSubmission = lab.source === "submission";
  return {
    jobId: job.id,
    submissionId: isSubmission ? lab.id : null,
    partnerSubmissionId: isSubmission ? lab.partnerSubmissionId : null,
    partnerSubjectId: isSubmission ? lab.partnerSubjectId : null,
    type: JOB_TYPE_SLUG[job.type] as PartnerJobDetail["type"],
    typeLabel: JOB_TYPE_LABEL[job.type],
    status: job.status,
    statusLabel: JOB_STATUS_LABEL[job.status],
    segment: job.segment,
    correlationId: lab.correlationId,
    parentJobId: job.type === "ingest_validate" ? null : (job.parentJobId ?? lab.firstJobId),
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError,
    errorDetail: publicErrorDetail(job),
    queuedAt: iso(job.queuedAt),
    acceptedAt: iso(job.acceptedAt),
    startedAt: iso(job.startedAt),
    completedAt: iso(job.completedAt),
    failedAt: iso(job.failedAt),
    slaDeadlineAt: iso(job.slaDeadlineAt),
    processingDurationMs: processingDurationMs(job),
    slaBreached: slaBreached(job, now),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}

export function serializeJob(job: JobRecord): PartnerJobDetail {
  const { labResult, ...row } = job;
  return serializeJobDetail(row, { ...labResult, firstJobId: labResult.jobs[0]?.id ?? null });
}

export function serializeAccepted(created: CreatedSubmission): z.infer<typeof submissionAcceptedSchema> {
  return {
    submissionId: created.id,
    partnerSubmissionId: created.partnerSubmissionId,
    status: "received",
    correlationId: created.correlationId,
    jobs: created.jobs.map((job) => ({ jobId: job.id, type: JOB_TYPE_SLUG[job.type] as PartnerJobDetail["type"] })),
  };
}

type SummaryInput = Omit<SubmissionListRow, "jobs"> & { jobs: { segment: string | null }[] };

export function serializeSubmissionSummary(lab: SummaryInput): z.infer<typeof submissionSummarySchema> {
  const status = SUBMISSION_STATUS[lab.status];
  return {
    submissionId: lab.id,
    partnerSubmissionId: lab.partnerSubmissionId ?? "",
    partnerSubjectId: lab.partnerSubjectId,
    status,
    statusLabel: SUBMISSION_STATUS_LABEL[status],
    segment: lab.jobs[0]?.segment ?? null,
    correlationId: lab.correlationId,
    metadata: { partnerId: lab.partnerApiKeyId },
    labsReceived: lab.labsReceived,
    labsAnalyzed: lab.labsAnalyzed,
    failureReason: lab.failureReason,
    createdAt: lab.createdAt.toISOString(),
    updatedAt: lab.updatedAt.toISOString(),
    completedAt: iso(lab.completedAt),
  };
}

const stepOrder = new Map(PIPELINE_STEPS.map((s, i) => [s.type, i]));

export function serializeSubmissionDetail(lab: SubmissionRecord): z.infer<typeof submissionDetailSchema> {
  const jobs = [...lab.jobs].sort((a, b) => stepOrder.get(a.type)! - stepOrder.get(b.type)!);
  const context = { ...lab, firstJobId: jobs.find((j) => j.type === "ingest_validate")?.id ?? null };
  const now = new Date();
  return {
    ...serializeSubmissionSummary({ ...lab, jobs }),
    jobs: jobs.map((job) => serializeJobDetail(job, context, now)),
  };
}

export function serializeSubmissionList(page: { items: SubmissionListRow[]; nextCursor: string | null }): z.infer<typeof submissionListSchema> {
  return { items: page.items.map(serializeSubmissionSummary), nextCursor: page.nextCursor };
}
