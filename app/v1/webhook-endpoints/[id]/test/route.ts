import { json, methodsNotAllowed, route } from "@/lib/http";
import { endpointIdParams, sendTestEvent, testResultSchema } from "@/lib/webhooks";

// POST /v1/webhook-endpoints/{id}/test — send a signed `ping` now and answer with the receiver's status and latency
export const POST = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    requireWriteHeaders: true,
    idempotent: true,
    params: endpointIdParams,
    audit: { action: "send_test", resourceType: "webhook_endpoint", resourceId: ({ params }) => params.id },
    openapi: {
      operationId: "testWebhookEndpoint",
      summary: "Send a test event to an endpoint",
      description:
        "One `ping` attempt, signed with the endpoint's secret(s), made while you wait (at most the delivery timeout). It is recorded in the delivery log like any delivery; a failed one is dead-lettered (test again, or replay it). 200 whatever the receiver answered: `succeeded` says whether it took it.",
      tags: ["Webhook management"],
      responses: { 200: { description: "What the receiver answered", schema: testResultSchema } },
    },
  },
  async ({ principal, params }) => json(await sendTestEvent(principal.organizationId, params.id)),
);

// Any other method — 405 in this surface's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["POST"]);
