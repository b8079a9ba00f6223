import { json, methodsNotAllowed, route } from "@/lib/http";
import { deliveryListQuery, deliveryListSchema, listDeliveries, serializeDelivery } from "@/lib/webhooks";

// GET /v1/webhook-deliveries — the delivery log, newest first, filtered and paginated
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    query: deliveryListQuery,
    openapi: {
      operationId: "listWebhookDeliveries",
      summary: "List webhook deliveries",
      description: "Every delivery to your endpoints and agent-run URLs, newest first, cursor-paginated; filter by endpoint, event type, status or lab result. Payloads and attempts are in the single-delivery read.",
      tags: ["Webhook management"],
      responses: { 200: { description: "A page of deliveries", schema: deliveryListSchema } },
    },
  },
  async ({ principal, query }) => {
    const { limit, cursor, ...filter } = query;
    const page = await listDeliveries(principal.organizationId, filter, { limit, cursor });
    return json({ data: page.items.map(serializeDelivery), nextCursor: page.nextCursor, hasMore: page.nextCursor !== null });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET"]);
