/**
 * `GET /v1/submissions/{submissionId}/results`: what the engine concluded, in the wellbeing vocabulary only
 * (./wellbeing.ts). Not ready yet → 409 RESULTS_NOT_READY (with Retry-After); failed → 409
 * SUBMISSION_FAILED with the reason a person can act on. A 409 rather than a 202 because the resource
 * asked for does not exist yet and there is nothing accepted to poll but the submission itself.
 */
import { AppError } from "../http/errors";
import { readFindings, readSkipped } from "../labs/codecs";
import type { SubmissionReader } from "./access";
import { getSubmissionOrThrow, type SubmissionRecord } from "./get-submission-or-throw";
import type { SubmissionResults } from "./schemas";
import { wellbeingNotices, wellbeingOutcomes } from "./wellbeing";

const RETRY_AFTER_SECONDS = 2;

/**
 * Throws unless the submission completed: 409 SUBMISSION_FAILED (with the reason) once failed, 409
 * RESULTS_NOT_READY (with Retry-After) before. Every read of a submission's outcome goes through it — the
 * results here, the FHIR export — so partners see one rule.
 */
export function requireCompletedSubmission(lab: Pick<SubmissionRecord, "status" | "failureReason">): void {
  if (lab.status === "failed") {
    throw new AppError("SUBMISSION_FAILED", `The submission failed, so it has no results: ${lab.failureReason ?? "processing failed"}`);
  }
  if (lab.status !== "ready") {
    throw new AppError("RESULTS_NOT_READY", "The results are not ready yet; poll GET /v1/submissions/{submissionId} until its status is completed", {
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
}

export async function getSubmissionResults(reader: SubmissionReader, submissionId: string): Promise<SubmissionResults> {
  const lab = await getSubmissionOrThrow(reader, submissionId);
  requireCompletedSubmission(lab);
  const findings = readFindings(lab.findings, lab.id);
  const outcomes = wellbeingOutcomes(findings);
  return {
    submissionId: lab.id,
    partnerSubmissionId: lab.partnerSubmissionId ?? "",
    partnerSubjectId: lab.partnerSubjectId,
    status: "completed",
    completedAt: lab.completedAt?.toISOString() ?? null,
    labsReceived: lab.labsReceived,
    labsAnalyzed: lab.labsAnalyzed,
    outcomes: outcomes.map(({ id, label, area, level }) => ({ id, label, area, level })),
    notices: wellbeingNotices({ outcomes, findings, skipped: readSkipped(lab.skipped, lab.id).length }),
  };
}
