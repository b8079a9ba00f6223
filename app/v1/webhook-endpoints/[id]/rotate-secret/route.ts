import { json, methodsNotAllowed, route } from "@/lib/http";
import { endpointIdParams, endpointWithSecretSchema, getEndpoint, rotateQuery, rotateSecret, serializeEndpoint } from "@/lib/webhooks";

// POST /v1/webhook-endpoints/{id}/rotate-secret — a new secret (shown once); the old one signs alongside for the grace period
export const POST = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    requireWriteHeaders: true,
    idempotent: true,
    params: endpointIdParams,
    query: rotateQuery,
    audit: { action: "rotate", resourceType: "webhook_endpoint", resourceId: ({ params }) => params.id },
    openapi: {
      operationId: "rotateWebhookEndpointSecret",
      summary: "Rotate an endpoint's signing secret",
      description:
        "Until `previousSecretExpiresAt` every delivery carries two signatures in `webhook-signature` (Standard Webhooks allows several), one with each secret, so your receiver verifies with whichever it holds while you roll the new one out. The new secret is in this answer only.",
      tags: ["Webhook management"],
      responses: { 200: { description: "Rotated; the new secret is shown this once", schema: endpointWithSecretSchema } },
    },
  },
  async ({ principal, params, query }) => {
    const { secret } = await rotateSecret({ organizationId: principal.organizationId, endpointId: params.id, graceHours: query.graceHours });
    const endpoint = await getEndpoint(principal.organizationId, params.id);
    return json({ ...serializeEndpoint(endpoint, secret), secret });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["POST"]);
