import { idFromBody, json, methodsNotAllowed, route } from "@/lib/http";
import {
  createSubmission,
  listSubmissions,
  serializeAccepted,
  serializeSubmissionList,
  submissionAcceptedSchema,
  submissionListQuerySchema,
  submissionListSchema,
  submissionRequestSchema,
} from "@/lib/submissions";

/** 5,000 lab items with their optional fields fit in well under this; a larger body is a 413. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

// POST /v1/submissions — accept de-identified lab values and start the pipeline (202 with the submission and job ids)
export const POST = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "write",
    requireWriteHeaders: true,
    idempotent: true,
    body: submissionRequestSchema,
    maxBodyBytes: MAX_BODY_BYTES,
    audit: { action: "create", resourceType: "lab_result", resourceId: idFromBody((body: { submissionId: string }) => body.submissionId) },
    openapi: {
      operationId: "createSubmission",
      summary: "Submit lab values",
      description:
        "Accepts de-identified lab values (the Lab Results Agent's `labResults` items) and starts processing. Answers 202 with the `submissionId` and the seven pipeline `jobId`s; follow them with `GET /v1/submissions/{submissionId}` or `GET /v1/jobs/{jobId}`, and read the outcome at `GET /v1/submissions/{submissionId}/results`. A `partnerSubmissionId` is accepted once per organisation: sending it again is a 409 unless it is a replay (same `Idempotency-Key` and body), which answers the first 202 again.",
      tags: ["Submissions"],
      requestExample: {
        partnerSubmissionId: "hy-sub-0001",
        partnerSubjectId: "hy-pt-0001",
        labResults: [
          { name: "Creatinine", value: "1.8", unit: "mg/dL", flag: "High", referenceRange: "0.7-1.3 mg/dL", date: "2026-01-14" },
          { name: "Hemoglobin A1c", value: "7.2%", referenceRange: "4.0-5.6%", date: "2026-01-14" },
        ],
        patient: { age: "58", gender: "female", conditions: ["Type 2 diabetes"] },
        segment: "cohort-a",
        metadata: { partnerId: "11111111-1111-4111-8111-111111111111" },
      },
      responses: { 202: { description: "Accepted; processing has started", schema: submissionAcceptedSchema } },
      errors: {
        403: "The key lacks the `write` scope, or `metadata.partnerId` is not the id of the key sending the request",
        409: "`partnerSubmissionId` was already submitted (DUPLICATE_SUBMISSION), or the `Idempotency-Key` was used with another body",
      },
    },
  },
  async ({ principal, body, correlationId, idempotency }) => {
    // requireWriteHeaders guarantees a non-empty correlation id.
    const created = await createSubmission(principal, body, correlationId!, idempotency);
    return json(serializeAccepted(created), { status: 202 });
  },
);

// GET /v1/submissions — the organisation's submissions, newest first, cursor-paginated
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "read",
    query: submissionListQuerySchema,
    audit: { action: "list", resourceType: "lab_result", resourceId: () => null },
    openapi: {
      operationId: "listSubmissions",
      summary: "List submissions",
      description:
        "Newest first. Filter by `partnerSubjectId`, `status` and creation time (`createdFrom` inclusive, `createdTo` exclusive). Submissions restricted to another API key by `metadata.partnerId` are not listed.",
      tags: ["Submissions"],
      responses: { 200: { description: "A page of submissions", schema: submissionListSchema } },
    },
  },
  async ({ principal, query }) => json(serializeSubmissionList(await listSubmissions(principal, query))),
);

// Any other method — 405 in this surface's shape, with Allow
export const { PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET", "POST"]);
