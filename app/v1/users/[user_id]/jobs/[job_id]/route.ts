import { json, route } from "@/lib/http";
import { getMemberRunOrThrow, jobPathParams, serializeRun } from "@/lib/labs";

// GET /v1/users/{user_id}/jobs/{job_id} — the workflow state behind a lab result (job_id = workflow_id)
export const GET = route(
  { surface: "member", auth: "member", params: jobPathParams },
  async ({ principal, params }) => {
    const run = await getMemberRunOrThrow(principal.organizationId, principal.memberId, params.job_id);
    return json({ data: serializeRun(run) });
  },
);
