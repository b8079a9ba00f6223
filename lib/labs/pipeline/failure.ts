/**
 * What a person is told when a pipeline step fails, and what the operator keeps. A reason written for
 * people (a file Labwise cannot read, one holding too many results, a stored file that changed) is shown
 * as it is. Anything else — a Prisma or pg error, a transaction timeout, a bug — is logged with its stack,
 * kept in the job's `errorDetail` (never served), and the lab and job show one generic, actionable
 * sentence with a reference support can look up: driver text says nothing useful to a partner and tells an
 * attacker about the database.
 */
import { z } from "zod";
import { PermanentFailure, TransientFailure } from "../../errors";
import { ExtractionError } from "../../ingest";
import type { Prisma } from "../../db";

/**
 * True when `error.message` was written for the person who sent the file: ExtractionError (and its
 * subclasses), the PermanentFailure the steps raise from them (or Inngest's NonRetriableError, which
 * inngest/functions make of it, should one arrive here), and a TransientFailure worded by us.
 */
export function isPublicError(error: Error): boolean {
  return error instanceof ExtractionError || error instanceof PermanentFailure || error.name === "NonRetriableError" || error instanceof TransientFailure;
}

export function internalErrorReason(reference: string): string {
  return `Labwise could not process this file because of an internal error; it has been logged — try again or contact support (reference ${reference})`;
}

const detailSchema = z.object({
  version: z.literal(1),
  reference: z.string(),
  public: z.boolean(),
  name: z.string(),
  message: z.string(),
  stack: z.string().optional(),
  causes: z.array(z.object({ name: z.string(), message: z.string() })).default([]),
});

/** A job's `errorDetail`: the real error, for operators only. */
export type ErrorDetail = z.infer<typeof detailSchema>;

function causes(error: Error): ErrorDetail["causes"] {
  const chain: ErrorDetail["causes"] = [];
  for (let cause = error.cause; cause !== undefined && chain.length < 5; cause = cause instanceof Error ? cause.cause : undefined) {
    chain.push(cause instanceof Error ? { name: cause.name, message: cause.message.slice(0, 2000) } : { name: typeof cause, message: String(cause).slice(0, 2000) });
  }
  return chain;
}

export function writeErrorDetail(error: Error, reference: string): Prisma.InputJsonObject {
  const detail: ErrorDetail = {
    version: 1,
    reference,
    public: isPublicError(error),
    name: error.name,
    message: error.message.slice(0, 4000),
    stack: error.stack?.slice(0, 8000),
    causes: causes(error),
  };
  return detail;
}

export function readErrorDetail(value: unknown): ErrorDetail | null {
  const parsed = detailSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The sentence a job (or its lab) shows for `error`. */
export function shownError(error: Error, reference: string): string {
  return (isPublicError(error) ? error.message : internalErrorReason(reference)).slice(0, 1000);
}

/**
 * The lab's failure reason once the run gave up, from the failed job's record: its public message
 * (prefixed with the attempts when they were spent), else the generic sentence with the job's reference.
 */
export function runFailureReason(
  failedJob: { lastError: string | null; errorDetail: unknown } | null,
  run: { retriesExhausted: boolean; attempts: number; reference: string },
): string {
  const detail = failedJob ? readErrorDetail(failedJob.errorDetail) : null;
  if (!detail || !detail.public || !failedJob?.lastError) return internalErrorReason(detail?.reference ?? run.reference);
  return run.retriesExhausted ? `processing failed after ${run.attempts} attempts: ${failedJob.lastError}` : failedJob.lastError;
}
