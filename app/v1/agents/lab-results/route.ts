import { idFromBody, json, methodsNotAllowed, route } from "@/lib/http";
import {
  addConcurrencyHeaders,
  agentRunAcceptedSchema,
  agentRunRequestSchema,
  CONCURRENCY_HEADERS,
  concurrencyHeaders,
  RETRY_AFTER_SECONDS,
  serializeAcceptedRun,
  startAgentRun,
} from "@/lib/agents";

/** Up to 200 labs with a full patient context fit in well under this; a larger body is a 413. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const integer = { type: "integer" } as const;
const usageHeaders = {
  [CONCURRENCY_HEADERS.limit]: { description: "The organisation's concurrent-run limit", schema: integer },
  [CONCURRENCY_HEADERS.active]: { description: "Runs in flight, including this one when admitted", schema: integer },
  [CONCURRENCY_HEADERS.remaining]: { description: "Free slots", schema: integer },
};

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
    audit: { action: "create", resourceType: "lab_result", resourceId: idFromBody((body: { runId: string }) => body.runId) },
    openapi: {
      operationId: "startLabResultsAgentRun",
      summary: "Analyse lab results; results arrive by webhook",
      description:
        "Answers 200 at once with the `runId`. Status updates for each processing step and then `labResultsComplete` (or `labResultsFailed`) are POSTed, signed, to `webhookUrl` (see `webhooks`); `GET /v1/agents/lab-results/{runId}` polls the same run. Beyond 200 labs the 200 most relevant are analysed (critical, then abnormal, then newest); `labsReceived` and `labsAnalyzed` say so. Every answer past authentication carries the concurrency headers.",
      tags: ["Lab Results Agent"],
      requestExample: {
        webhookUrl: "https://partner.example.org/hooks/labwise",
        labResults: [
          { name: "Creatinine", value: "1.8", unit: "mg/dL", flag: "High", referenceRange: "0.7-1.3 mg/dL", date: "2026-01-14", category: "Renal" },
          { name: "Hemoglobin A1c", value: "7.2%", referenceRange: "4.0-5.6%", date: "2026-01-14" },
        ],
        patient: { age: "58", gender: "female", conditions: ["Type 2 diabetes"], medications: ["Metformin 1000 mg"] },
      },
      headers: usageHeaders,
      responses: { 200: { description: "Run started", schema: agentRunAcceptedSchema } },
      errors: {
        429: {
          description: "The organisation's concurrent runs are at its limit",
          headers: { "Retry-After": { description: `Seconds to wait before retrying (${RETRY_AFTER_SECONDS})`, schema: integer } },
        },
      },
    },
  },
  async ({ principal, body, idempotency }) => {
    const { run, usage } = await startAgentRun(principal.organizationId, body, idempotency);
    return json(serializeAcceptedRun(run), { headers: concurrencyHeaders(usage) });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("agent", ["POST"]);
