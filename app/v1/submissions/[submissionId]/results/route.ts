import { json, methodsNotAllowed, route } from "@/lib/http";
import { getSubmissionResults, submissionPathParams, submissionResultsSchema } from "@/lib/submissions";

// GET /v1/submissions/{submissionId}/results — the outcomes in wellbeing language (409 until completed)
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "read",
    params: submissionPathParams,
    audit: { action: "read", resourceType: "lab_result", resourceId: ({ params }) => params.submissionId.toLowerCase() },
    openapi: {
      operationId: "getSubmissionResults",
      summary: "Get a submission's wellbeing outcomes",
      description:
        "One outcome per wellbeing area the results speak to — a stable `wellbeing.<area>.<level>` id and a plain-English label — and notices to show with them. No internal codes, rule ids or model identifiers. Until the submission is `completed` the answer is 409 `RESULTS_NOT_READY` with `Retry-After`; a failed submission is 409 `SUBMISSION_FAILED` with the reason.",
      tags: ["Results"],
      responses: { 200: { description: "The outcomes", schema: submissionResultsSchema } },
      errors: {
        403: "The key lacks the `read` scope, or the submission is restricted to another API key by `metadata.partnerId`",
        409: { description: "Not completed yet (RESULTS_NOT_READY, with Retry-After) or failed (SUBMISSION_FAILED)", headers: { "Retry-After": { description: "Seconds to wait before asking again (RESULTS_NOT_READY)", schema: { type: "integer" } } } },
      },
    },
  },
  async ({ principal, params }) => json(await getSubmissionResults(principal, params.submissionId)),
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET"]);
