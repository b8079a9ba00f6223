import { json, methodsNotAllowed, noContent, route } from "@/lib/http";
import { deleteEndpoint, endpointIdParams, endpointSchema, getEndpoint, serializeEndpoint, updateEndpoint, updateEndpointRequest } from "@/lib/webhooks";

// GET /v1/webhook-endpoints/{id} — one endpoint (no secret)
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    params: endpointIdParams,
    openapi: {
      operationId: "getWebhookEndpoint",
      summary: "Read a webhook endpoint",
      description: "The secret is never shown again, only its fingerprint.",
      tags: ["Webhook management"],
      responses: { 200: { description: "The endpoint", schema: endpointSchema } },
    },
  },
  async ({ principal, params }) => json(serializeEndpoint(await getEndpoint(principal.organizationId, params.id))),
);

// PATCH /v1/webhook-endpoints/{id} — change the URL, events, description or enabled
export const PATCH = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    params: endpointIdParams,
    body: updateEndpointRequest,
    audit: { action: "update", resourceType: "webhook_endpoint", resourceId: ({ params }) => params.id, detail: ({ body }) => ({ changed: Object.keys(body) }) },
    openapi: {
      operationId: "updateWebhookEndpoint",
      summary: "Change a webhook endpoint",
      description: "Only the fields given change. A new URL passes the same checks as at registration. Disabling it dead-letters its deliveries at their next attempt (replay them once it is enabled again).",
      tags: ["Webhook management"],
      requestExample: { enabled: false },
      responses: { 200: { description: "The endpoint as it is now", schema: endpointSchema } },
    },
  },
  async ({ principal, params, body }) => json(serializeEndpoint(await updateEndpoint(principal.organizationId, params.id, body))),
);

// DELETE /v1/webhook-endpoints/{id} — delete an endpoint; its undelivered deliveries are dead-lettered
export const DELETE = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    params: endpointIdParams,
    audit: { action: "delete", resourceType: "webhook_endpoint", resourceId: ({ params }) => params.id },
    openapi: {
      operationId: "deleteWebhookEndpoint",
      summary: "Delete a webhook endpoint",
      description:
        "Nothing is delivered to it again: deliveries not yet delivered are dead-lettered with the reason “the webhook endpoint was deleted” and cannot be replayed. Its delivery log stays readable.",
      tags: ["Webhook management"],
      responses: { 204: { description: "Deleted" } },
    },
  },
  async ({ principal, params }) => {
    await deleteEndpoint(principal.organizationId, params.id);
    return noContent();
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT } = methodsNotAllowed("partner", ["GET", "PATCH", "DELETE"]);
