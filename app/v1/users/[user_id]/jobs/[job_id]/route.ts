import { json, methodsNotAllowed, route } from "@/lib/http";
import { getMemberRunOrThrow, jobPathParams, jobResponse, serializeRun } from "@/lib/labs";

// GET /v1/users/{user_id}/jobs/{job_id} — the workflow state behind a lab result (job_id = workflow_id)
export const GET = route(
  {
    surface: "member",
    auth: "member",
    params: jobPathParams,
    audit: { action: "read", resourceType: "job", resourceId: ({ params }) => params.job_id },
    openapi: {
      operationId: "getMemberJob",
      summary: "Get the workflow state behind a lab result",
      description: "`job_id` is the `workflow_id` returned at registration: the run's status and each step with its attempts, timings and error.",
      tags: ["Labs"],
      responses: { 200: { description: "Run status and each step", schema: jobResponse } },
    },
  },
  async ({ principal, params }) => {
    const run = await getMemberRunOrThrow(principal.organizationId, principal.memberId, params.job_id);
    return json({ data: serializeRun(run) });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("member", ["GET"]);
