/** The pipeline's step services (DESIGN §6), called one per `step.run` by inngest/functions/labs. */
export { ingestAndValidate } from "./ingest-step";
export { deidentifyLab, mapAnalytes } from "./normalize-steps";
export { storeFhir } from "./fhir-step";
export { runInference, completeLab, failLab, recordRunFailure } from "./finish-steps";
export { writeArtifacts } from "./artifacts-step";
export { finishJob, markJobAttemptFailed, markJobRunning, settleJobsAfterFailure, startJob } from "./jobs";
