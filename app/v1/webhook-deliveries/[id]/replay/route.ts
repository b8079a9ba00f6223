import { json, methodsNotAllowed, route } from "@/lib/http";
import { deliveryIdParams, deliverySchema, replayDelivery, serializeDelivery } from "@/lib/webhooks";

// POST /v1/webhook-deliveries/{id}/replay — send a delivered or dead-lettered delivery again, same webhook-id
export const POST = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    requireWriteHeaders: true,
    idempotent: true,
    params: deliveryIdParams,
    audit: { action: "replay", resourceType: "webhook_delivery", resourceId: ({ params }) => params.id },
    openapi: {
      operationId: "replayWebhookDelivery",
      summary: "Replay a webhook delivery",
      description:
        "Puts a delivered or dead-lettered delivery back in the outbox with a fresh retry schedule. It keeps its id, so the receiver sees the same `webhook-id` (and a new `webhook-timestamp`) and can de-duplicate. 409 while it is still pending or being retried, or when its endpoint was deleted.",
      tags: ["Webhook management"],
      responses: { 202: { description: "Queued for delivery", schema: deliverySchema } },
      errors: { 409: "The delivery is not settled yet, or its endpoint was deleted" },
    },
  },
  async ({ principal, params }) => json(serializeDelivery(await replayDelivery({ organizationId: principal.organizationId, deliveryId: params.id })), { status: 202 }),
);

// Any other method — 405 in this surface's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["POST"]);
