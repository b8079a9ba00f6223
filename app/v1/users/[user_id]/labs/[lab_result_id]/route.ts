import { json, route } from "@/lib/http";
import { getMemberLabOrThrow, labPathParams, serializeLabDetail } from "@/lib/labs";
import { recordPhiRead } from "@/lib/audit";

// GET /v1/users/{user_id}/labs/{lab_result_id} — one lab result with status and, when ready, its interpretation
export const GET = route(
  { surface: "member", auth: "member", params: labPathParams },
  async ({ principal, params, requestId }) => {
    const lab = await getMemberLabOrThrow(principal.organizationId, principal.memberId, params.lab_result_id);
    recordPhiRead(principal, "lab_result", lab.id, requestId);
    return json({ data: serializeLabDetail(lab) });
  },
);
