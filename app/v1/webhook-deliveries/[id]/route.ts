import { json, methodsNotAllowed, route } from "@/lib/http";
import { deliveryDetailSchema, deliveryIdParams, getDelivery, serializeDeliveryDetail } from "@/lib/webhooks";

// GET /v1/webhook-deliveries/{id} — one delivery with its payload and every attempt
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    params: deliveryIdParams,
    // The payload of `labResultsComplete` holds lab values and the responses written about them.
    audit: { action: "read", resourceType: "webhook_delivery", resourceId: ({ params }) => params.id },
    openapi: {
      operationId: "getWebhookDelivery",
      summary: "Read a webhook delivery and its attempts",
      description: "The payload as stored and every attempt: HTTP status, latency, the first 1 KB of the answer, the error, the time.",
      tags: ["Webhook management"],
      responses: { 200: { description: "The delivery", schema: deliveryDetailSchema } },
    },
  },
  async ({ principal, params }) => json(serializeDeliveryDetail(await getDelivery(principal.organizationId, params.id))),
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET"]);
