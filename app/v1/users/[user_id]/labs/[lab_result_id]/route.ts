import { json, route } from "@/lib/http";
import { getMemberLabOrThrow, labDetailResponse, labPathParams, serializeLabDetail } from "@/lib/labs";

// GET /v1/users/{user_id}/labs/{lab_result_id} — one lab result with status and, when ready, its interpretation
export const GET = route(
  {
    surface: "member",
    auth: "member",
    params: labPathParams,
    audit: { action: "read", resourceType: "lab_result", resourceId: ({ params }) => params.lab_result_id },
    openapi: {
      operationId: "getMemberLabResult",
      summary: "Get a lab result",
      description: "Its status and, once `ready`, the analytes, findings, trends, `patient_response`, `clinician_response` (Markdown) and citations.",
      tags: ["Labs"],
      responses: { 200: { description: "The lab result", schema: labDetailResponse } },
    },
  },
  async ({ principal, params }) => {
    const lab = await getMemberLabOrThrow(principal.organizationId, principal.memberId, params.lab_result_id);
    return json({ data: serializeLabDetail(lab) });
  },
);
