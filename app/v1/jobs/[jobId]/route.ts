import { json, methodsNotAllowed, route } from "@/lib/http";
import { getJobOrThrow, jobPathParams, partnerJobDetailSchema, serializeJob } from "@/lib/submissions";

// GET /v1/jobs/{jobId} — one pipeline job's public lifecycle (seed 002 PartnerJobDetailResponse)
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "read",
    params: jobPathParams,
    audit: { action: "read", resourceType: "job", resourceId: ({ params }) => params.jobId.toLowerCase() },
    openapi: {
      operationId: "getJobDetail",
      summary: "Get processing job detail",
      description:
        "Any pipeline job of your organisation. `submissionId`, `partnerSubmissionId` and `partnerSubjectId` are null for jobs of labs that did not come through `POST /v1/submissions` (uploads, agent runs). `errorDetail` is a public-safe `{reference, category}` or null.",
      tags: ["Jobs"],
      responses: { 200: { description: "The job", schema: partnerJobDetailSchema } },
      errors: { 403: "The key lacks the `read` scope, or the job's submission is restricted to another API key by `metadata.partnerId`" },
    },
  },
  async ({ principal, params }) => json(serializeJob(await getJobOrThrow(principal, params.jobId))),
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET"]);
