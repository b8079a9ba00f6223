/**
 * `POST /v1/submissions` (seed 002): de-identified lab values in, a lab result with `source: submission` and
 * its seven pipeline jobs out, the pipeline started. One submission per `partnerSubmissionId` in an
 * organisation, enforced by a partial unique index (lab_results_submission_partner_id_key), so two POSTs
 * racing with different Idempotency-Keys cannot both create one: the loser's insert fails and it is a 409.
 * (The same key and body replay the first answer: ../http/idempotency.ts. A retry of a request that died
 * after creating its submission, before answering, is answered with that submission, started now if it
 * never was, rather than a 409 about its own first attempt.)
 */
import { randomUUID } from "node:crypto";
import type { ApiKeyPrincipal } from "../auth/api-keys";
import { db, Prisma } from "../db";
import { AppError } from "../http/errors";
import type { IdempotencyClaim } from "../http/idempotency";
import { writeInput, writePatientContext } from "../labs/codecs";
import { PIPELINE_STEPS } from "../labs/pipeline-steps";
import { enqueueLabAccepted } from "../labs/lifecycle-webhooks";
import { startLabWorkflow, type StartableLab } from "../labs/start-workflow";
import { dispatchPending } from "../webhooks";
import type { SubmissionRequest } from "./schemas";

const MAX_CORRELATION_ID = 200;
/** Seconds a partner is asked to wait when the pipeline could not be started. */
const RETRY_AFTER_SECONDS = 5;

export interface CreatedSubmission {
  id: string;
  partnerSubmissionId: string;
  correlationId: string;
  jobs: { id: string; type: (typeof PIPELINE_STEPS)[number]["type"] }[];
}

export async function createSubmission(
  principal: Pick<ApiKeyPrincipal, "organizationId" | "apiKeyId">,
  request: SubmissionRequest,
  correlationId: string,
  claim: IdempotencyClaim | null = null,
): Promise<CreatedSubmission> {
  const { organizationId } = principal;
  // Stored with the submission and echoed on every job: an id, not a document.
  if (correlationId.length > MAX_CORRELATION_ID) {
    throw new AppError("VALIDATION_ERROR", "Invalid request headers", {
      issues: [{ loc: ["header", "x-correlation-id"], msg: `at most ${MAX_CORRELATION_ID} characters`, type: "too_big" }],
    });
  }
  const partnerApiKeyId = request.metadata?.partnerId ?? null;
  // Seed 002: a partnerId that is not the calling credential's is a 403, never a way to hand data to another key.
  if (partnerApiKeyId !== null && partnerApiKeyId !== principal.apiKeyId) {
    throw new AppError("FORBIDDEN", "metadata.partnerId does not match the API key sending the request");
  }
  const earlier = claim?.createdResourceId ? await earlierAttempt(organizationId, claim.createdResourceId) : null;
  if (earlier) {
    if (!earlier.lab.workflowId) await startOrTakeBack(earlier.lab);
    return earlier.created;
  }
  // Ids chosen here so the jobs can point at the run's first job in the same insert.
  const jobs = PIPELINE_STEPS.map((step) => ({ id: randomUUID(), type: step.type }));
  const firstJobId = jobs[0].id;
  let lab: { id: string; organizationId: string };
  let accepted: string[];
  try {
    // `lab.accepted` is written in the transaction that creates the lab, announced once its run has started.
    ({ lab, accepted } = await db.$transaction(async (tx) => {
      const created = await tx.labResult.create({
        data: {
          organizationId,
          source: "submission",
          status: "pending",
          partnerSubmissionId: request.partnerSubmissionId,
          partnerSubjectId: request.partnerSubjectId,
          correlationId,
          partnerApiKeyId,
          input: writeInput(request.labResults),
          patientContext: request.patient ? writePatientContext(request.patient) : Prisma.DbNull,
          labsReceived: request.labResults.length,
          jobs: {
            create: jobs.map((job) => ({
              id: job.id,
              organizationId,
              type: job.type,
              segment: request.segment ?? null,
              parentJobId: job.id === firstJobId ? null : firstJobId,
            })),
          },
        },
        select: { id: true, organizationId: true },
      });
      await claim?.recordCreated(tx, created.id);
      return { lab: created, accepted: await enqueueLabAccepted(tx, { labResultId: created.id, organizationId }) };
    }));
  } catch (error) {
    // The only unique constraint a new row can break: its id and upload_id are fresh or null.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("DUPLICATE_SUBMISSION", `A submission with partnerSubmissionId "${request.partnerSubmissionId}" already exists`);
    }
    throw error;
  }
  await startOrTakeBack(lab);
  if (accepted.length) await dispatchPending({ ids: accepted });
  return { id: lab.id, partnerSubmissionId: request.partnerSubmissionId, correlationId, jobs };
}

/** Starts the submission's pipeline; if it cannot start, takes the submission back and asks for a retry. */
async function startOrTakeBack(lab: StartableLab): Promise<void> {
  if (await startLabWorkflow(lab)) return;
  // Nothing was started: take the row back (its unsent `lab.accepted` goes with it) so the partner's retry
  // (same ids) is not a 409.
  await db.labResult.deleteMany({ where: { id: lab.id, organizationId: lab.organizationId, workflowId: null } });
  throw new AppError("SERVICE_UNAVAILABLE", "The submission could not be started; please retry", {
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  });
}

/** The submission an earlier attempt of this request created, and the answer that attempt would have given. */
async function earlierAttempt(organizationId: string, labResultId: string) {
  const lab = await db.labResult.findFirst({
    where: { id: labResultId, organizationId, source: "submission" },
    select: {
      id: true,
      organizationId: true,
      workflowId: true,
      workflowEventId: true,
      partnerSubmissionId: true,
      correlationId: true,
      jobs: { select: { id: true, type: true } },
    },
  });
  if (!lab?.partnerSubmissionId || !lab.correlationId) return null;
  const order = (type: string) => PIPELINE_STEPS.findIndex((step) => step.type === type);
  const jobs = [...lab.jobs].sort((a, b) => order(a.type) - order(b.type));
  return { lab, created: { id: lab.id, partnerSubmissionId: lab.partnerSubmissionId, correlationId: lab.correlationId, jobs } };
}
