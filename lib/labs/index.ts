export { registerUploadedLab } from "./register-upload";
export { getMemberLabOrThrow, getMemberRunOrThrow, listMemberLabs, listOrganizationLabs } from "./queries";
export * from "./member-serializers";
export { PIPELINE_STEPS } from "./pipeline-steps";
export * from "./schemas";
export { enqueueLabAccepted, enqueueJobStatusChanged, enqueueLabFailed, enqueueLabResultsReady } from "./lifecycle-webhooks";
