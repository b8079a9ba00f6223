import { methodsNotAllowed, route } from "@/lib/http";
import { FHIR_JSON, labFhirBundleSchema } from "@/lib/labs/fhir";
import { getSubmissionFhirBundle, submissionPathParams } from "@/lib/submissions";

// GET /v1/submissions/{submissionId}/fhir — the completed submission as a FHIR R4 Bundle
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "read",
    params: submissionPathParams,
    audit: { action: "read", resourceType: "lab_result", resourceId: ({ params }) => params.submissionId.toLowerCase() },
    openapi: {
      operationId: "getSubmissionFhirBundle",
      summary: "Get a submission as FHIR R4",
      description:
        "The same FHIR R4 Bundle as `GET /v1/users/{user_id}/labs/{lab_result_id}/fhir`: a DiagnosticReport, a Patient with an opaque id only and one laboratory Observation per analyte (LOINC and Labwise codes, UCUM quantities, reference ranges, HL7 v3 interpretation codes, calculated values with `derivedFrom`). Served as `application/fhir+json` once the submission is `completed`.",
      tags: ["Results"],
      responses: { 200: { description: "The submission as a FHIR R4 Bundle", schema: labFhirBundleSchema, contentType: FHIR_JSON } },
      errors: {
        403: "The key lacks the `read` scope, or the submission is restricted to another API key by `metadata.partnerId`",
        409: { description: "Not completed yet (RESULTS_NOT_READY, with Retry-After) or failed (SUBMISSION_FAILED)", headers: { "Retry-After": { description: "Seconds to wait before asking again (RESULTS_NOT_READY)", schema: { type: "integer" } } } },
      },
    },
  },
  async ({ principal, params }) => new Response(JSON.stringify(await getSubmissionFhirBundle(principal, params.submissionId)), { headers: { "content-type": FHIR_JSON } }),
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET"]);
