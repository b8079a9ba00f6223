import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { deliveryFilterQuery } from "@/lib/portal/settings-webhooks-schemas";
import { listDeliveries, serializeDelivery } from "@/lib/webhooks";

// GET /api/portal/settings/deliveries — the delivery log, newest first, by endpoint, event type and status
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    query: deliveryFilterQuery,
    audit: {
      action: "list",
      resourceType: "webhook_delivery",
      resourceId: () => null,
      detail: ({ query }) => {
        const filter = { endpointId: query.endpointId ?? null, eventType: query.eventType ?? null, status: query.status ?? null };
        return Object.values(filter).some((v) => v !== null) ? filter : null;
      },
    },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, query }) => {
    const { limit, cursor, ...filter } = query;
    const page = await listDeliveries(principal.organizationId, filter, { limit, cursor });
    return json({ data: page.items.map(serializeDelivery), nextCursor: page.nextCursor, hasMore: page.nextCursor !== null });
  },
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET"]);
