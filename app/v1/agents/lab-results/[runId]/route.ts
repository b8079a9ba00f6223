import { recordPhiRead } from "@/lib/audit";
import { agentRunPathParams, getAgentRunOrThrow, serializeAgentRun } from "@/lib/agents";
import { json, route } from "@/lib/http";

// GET /v1/agents/lab-results/{runId} — poll a run: processing, completed (with the result) or failed
export const GET = route(
  { surface: "agent", auth: "apiKey", scope: "read", params: agentRunPathParams },
  async ({ principal, params, requestId }) => {
    const { run, result, findings } = await getAgentRunOrThrow(principal.organizationId, params.runId);
    recordPhiRead(principal, "lab_result", run.id, requestId);
    return json(serializeAgentRun(run, result, findings));
  },
);
