import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { endpointIdParams, rotateBody } from "@/lib/portal/settings-webhooks-schemas";
import { getEndpoint, rotateSecret, serializeEndpoint } from "@/lib/webhooks";

// POST /api/portal/settings/webhooks/{endpoint_id}/rotate-secret — a new secret, shown once; the old one signs alongside for the grace period
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: endpointIdParams,
    body: rotateBody,
    audit: {
      action: "rotate",
      resourceType: "webhook_endpoint",
      resourceId: ({ params }) => params.endpoint_id,
      detail: ({ body }) => ({ graceHours: body.graceHours }),
    },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params, body }) => {
    const { secret } = await rotateSecret({ organizationId: principal.organizationId, endpointId: params.endpoint_id, graceHours: body.graceHours });
    const endpoint = await getEndpoint(principal.organizationId, params.endpoint_id);
    return json({ data: { ...serializeEndpoint(endpoint, secret), secret } });
  },
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
