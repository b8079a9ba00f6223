import { agentRunPathParams, agentRunSchema, getAgentRunOrThrow, serializeAgentRun } from "@/lib/agents";
import { json, methodsNotAllowed, route } from "@/lib/http";

// GET /v1/agents/lab-results/{runId} — poll a run: processing, completed (with the result) or failed
export const GET = route(
  {
    surface: "agent",
    auth: "apiKey",
    scope: "read",
    params: agentRunPathParams,
    audit: { action: "read", resourceType: "lab_result", resourceId: ({ params }) => params.runId.toLowerCase() },
    openapi: {
      operationId: "getLabResultsAgentRun",
      summary: "Poll a run",
      description: "`processing`, `completed` with the same `result` as the final webhook, or `failed` with the `error`.",
      tags: ["Lab Results Agent"],
      responses: { 200: { description: "The run", schema: agentRunSchema } },
      errors: { 404: "No such run in this organisation" },
    },
  },
  async ({ principal, params }) => {
    const { run, result, findings } = await getAgentRunOrThrow(principal.organizationId, params.runId);
    return json(serializeAgentRun(run, result, findings));
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("agent", ["GET"]);
