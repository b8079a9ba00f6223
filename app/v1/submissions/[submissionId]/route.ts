import { json, methodsNotAllowed, route } from "@/lib/http";
import { getSubmissionOrThrow, serializeSubmissionDetail, submissionDetailSchema, submissionPathParams } from "@/lib/submissions";

// GET /v1/submissions/{submissionId} — a submission's status with its full job list
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "read",
    params: submissionPathParams,
    audit: { action: "read", resourceType: "lab_result", resourceId: ({ params }) => params.submissionId.toLowerCase() },
    openapi: {
      operationId: "getSubmission",
      summary: "Get a submission and its jobs",
      description: "The submission's status and its seven pipeline jobs, each as `GET /v1/jobs/{jobId}` shows it. Poll until `status` is `completed` or `failed`.",
      tags: ["Submissions"],
      responses: { 200: { description: "The submission", schema: submissionDetailSchema } },
      errors: { 403: "The key lacks the `read` scope, or the submission is restricted to another API key by `metadata.partnerId`" },
    },
  },
  async ({ principal, params }) => json(serializeSubmissionDetail(await getSubmissionOrThrow(principal, params.submissionId))),
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET"]);
