import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { urlHost } from "@/lib/portal/settings-webhooks";
import { endpointIdParams } from "@/lib/portal/settings-webhooks-schemas";
import { deleteEndpoint, getEndpoint, serializeEndpoint, updateEndpoint, updateEndpointRequest } from "@/lib/webhooks";

// GET /api/portal/settings/webhooks/{endpoint_id} — one endpoint (fingerprint, never the secret)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: endpointIdParams,
    audit: { action: "read", resourceType: "webhook_endpoint", resourceId: ({ params }) => params.endpoint_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: serializeEndpoint(await getEndpoint(principal.organizationId, params.endpoint_id)) }),
);

// PATCH /api/portal/settings/webhooks/{endpoint_id} — enable, disable, or change the URL, events or description
export const PATCH = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: endpointIdParams,
    body: updateEndpointRequest,
    audit: {
      action: "update",
      resourceType: "webhook_endpoint",
      resourceId: ({ params }) => params.endpoint_id,
      detail: ({ body }) => ({
        ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        ...(body.url !== undefined ? { host: urlHost(body.url) } : {}),
        ...(body.events !== undefined ? { events: body.events.length ? body.events : ["all"] } : {}),
        ...(body.description !== undefined ? { descriptionChanged: true } : {}),
      }),
    },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params, body }) => json({ data: serializeEndpoint(await updateEndpoint(principal.organizationId, params.endpoint_id, body)) }),
);

// DELETE /api/portal/settings/webhooks/{endpoint_id} — delete; what was still to be sent there is dead-lettered
export const DELETE = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: endpointIdParams,
    audit: { action: "delete", resourceType: "webhook_endpoint", resourceId: ({ params }) => params.endpoint_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await deleteEndpoint(principal.organizationId, params.endpoint_id) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT } = methodsNotAllowed("portal", ["GET", "PATCH", "DELETE"]);
