import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { endpointIdParams } from "@/lib/portal/settings-webhooks-schemas";
import { sendTestEvent } from "@/lib/webhooks";

// POST /api/portal/settings/webhooks/{endpoint_id}/test — a signed `ping` now, answered with what the receiver said
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: endpointIdParams,
    audit: { action: "send_test", resourceType: "webhook_endpoint", resourceId: ({ params }) => params.endpoint_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await sendTestEvent(principal.organizationId, params.endpoint_id) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
