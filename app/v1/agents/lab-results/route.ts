import { json, route } from "@/lib/http";
import { agentRunRequestSchema, concurrencyHeaders, serializeAcceptedRun, startAgentRun, addConcurrencyHeaders } from "@/lib/agents";

/** Up to 200 labs with a full patient context fit in well under this; a larger body is a 413. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

// POST /v1/agents/lab-results — start a Lab Results Agent run (200 with runId, or 429 at the concurrent limit)
export const POST = route(
  {
    surface: "agent",
    auth: "apiKey",
    scope: "write",
    body: agentRunRequestSchema,
    idempotent: true,
    maxBodyBytes: MAX_BODY_BYTES,
    decorate: addConcurrencyHeaders,
  },
  async ({ principal, body }) => {
    const { run, usage } = await startAgentRun(principal.organizationId, body);
    return json(serializeAcceptedRun(run), { headers: concurrencyHeaders(usage) });
  },
);
