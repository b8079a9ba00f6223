import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { endpointIdParams } from "@/lib/portal/settings-webhooks-schemas";
import { replayDeadLetters } from "@/lib/webhooks";

// POST /api/portal/settings/webhooks/{endpoint_id}/replay-dead-letters — every dead letter of the endpoint back to the outbox, same webhook-ids
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: endpointIdParams,
    audit: { action: "replay", resourceType: "webhook_endpoint", resourceId: ({ params }) => params.endpoint_id, detail: () => ({ deliveries: "all dead letters" }) },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await replayDeadLetters({ organizationId: principal.organizationId, endpointId: params.endpoint_id }) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
