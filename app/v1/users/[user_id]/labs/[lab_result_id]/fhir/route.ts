import { methodsNotAllowed, route } from "@/lib/http";
import { labPathParams } from "@/lib/labs";
import { FHIR_JSON, getLabFhirBundle, labFhirBundleSchema } from "@/lib/labs/fhir";

// GET /v1/users/{user_id}/labs/{lab_result_id}/fhir — the lab as a FHIR R4 Bundle
export const GET = route(
  {
    surface: "member",
    auth: "member",
    params: labPathParams,
    audit: { action: "read", resourceType: "lab_result", resourceId: ({ params }) => params.lab_result_id },
    openapi: {
      operationId: "getMemberLabFhirBundle",
      summary: "Get a lab result as FHIR R4",
      description:
        "A FHIR R4 Bundle (`collection`) of the ready lab: a DiagnosticReport (category LAB, LOINC 11502-2, the findings' titles as `conclusion`), a Patient with an opaque id only (no name, no identifier) and one laboratory Observation per analyte — LOINC and Labwise codes, `valueQuantity` with UCUM `system`/`code` when the unit is valid UCUM (the printed unit in `unit`) or `valueString`, comparators, reference ranges, HL7 v3 interpretation codes (L, H, LL, HH, N, A, AA, IND). Values Labwise calculated carry `derivedFrom` and their formula in `method`. Entries are `urn:uuid:` fullUrls and every reference points to one. Served as `application/fhir+json`.",
      tags: ["Labs"],
      responses: { 200: { description: "The lab as a FHIR R4 Bundle", schema: labFhirBundleSchema, contentType: FHIR_JSON } },
      errors: { 409: "The lab is not `ready` yet (or failed): poll the lab until its status is `ready`" },
    },
  },
  async ({ principal, params }) => {
    const bundle = await getLabFhirBundle({ organizationId: principal.organizationId, memberId: principal.memberId, labResultId: params.lab_result_id });
    return new Response(JSON.stringify(bundle), { headers: { "content-type": FHIR_JSON } });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("member", ["GET"]);
