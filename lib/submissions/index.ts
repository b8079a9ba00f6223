/**
 * The Submissions API (DESIGN §5.3, seed 002): partners submit de-identified lab values as JSON and follow
 * the submission, its pipeline jobs and its wellbeing results. A submission is a LabResult with
 * `source: submission`, processed by the same pipeline as an upload or an agent run.
 */
export { assertPartnerAccess, visibleTo, type SubmissionReader } from "./access";
export { createSubmission, type CreatedSubmission } from "./create-submission";
export { getJobOrThrow, type JobRecord } from "./get-job-or-throw";
export { getSubmissionOrThrow, type SubmissionRecord } from "./get-submission-or-throw";
export { getSubmissionFhirBundle } from "./get-submission-fhir-bundle";
export { getSubmissionResults, requireCompletedSubmission } from "./get-submission-results";
export { listSubmissions, LAB_STATUS_OF } from "./list-submissions";
export * from "./schemas";
export * from "./serializers";
export * from "./wellbeing";
