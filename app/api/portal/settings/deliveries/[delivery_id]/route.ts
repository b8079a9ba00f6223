import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { getPortalDeliveryDetail } from "@/lib/portal/settings-webhooks";
import { deliveryIdParams } from "@/lib/portal/settings-webhooks-schemas";

// GET /api/portal/settings/deliveries/{delivery_id} — one delivery: payload, every attempt and the headers it was sent with
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: deliveryIdParams,
    // The payload of `labResultsComplete` holds lab values and the responses written about them.
    audit: { action: "read", resourceType: "webhook_delivery", resourceId: ({ params }) => params.delivery_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await getPortalDeliveryDetail(principal.organizationId, params.delivery_id) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET"]);
