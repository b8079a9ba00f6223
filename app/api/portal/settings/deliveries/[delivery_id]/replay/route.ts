import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { deliveryIdParams } from "@/lib/portal/settings-webhooks-schemas";
import { replayDelivery, serializeDelivery } from "@/lib/webhooks";

// POST /api/portal/settings/deliveries/{delivery_id}/replay — send a delivered or dead-lettered delivery again, same webhook-id
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: deliveryIdParams,
    audit: { action: "replay", resourceType: "webhook_delivery", resourceId: ({ params }) => params.delivery_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) =>
    json({ data: serializeDelivery(await replayDelivery({ organizationId: principal.organizationId, deliveryId: params.delivery_id })) }, { status: 202 }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
