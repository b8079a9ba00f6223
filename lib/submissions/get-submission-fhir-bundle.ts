/**
 * A submission as a FHIR R4 Bundle: the submission is resolved with the Submissions API's own scoping (tenant,
 * `metadata.partnerId`) and readiness rule (409 RESULTS_NOT_READY / SUBMISSION_FAILED, as for its results), then
 * the one Bundle builder every surface serves (lib/labs/fhir).
 */
import { getLabFhirBundle } from "../labs/fhir";
import type { SubmissionReader } from "./access";
import { getSubmissionOrThrow } from "./get-submission-or-throw";
import { requireCompletedSubmission } from "./get-submission-results";

export async function getSubmissionFhirBundle(reader: SubmissionReader, submissionId: string) {
  const lab = await getSubmissionOrThrow(reader, submissionId);
  requireCompletedSubmission(lab);
  return getLabFhirBundle({ labResultId: lab.id, organizationId: lab.organizationId });
}
