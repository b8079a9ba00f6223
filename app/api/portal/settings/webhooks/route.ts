import { idFromBody, json, methodsNotAllowed, pageQuerySchema, PORTAL_ENDPOINT, route } from "@/lib/http";
import { urlHost } from "@/lib/portal/settings-webhooks";
import { createEndpoint, createEndpointRequest, listEndpoints, serializeEndpoint } from "@/lib/webhooks";

// GET /api/portal/settings/webhooks — the organisation's endpoints, newest first (fingerprints, never secrets)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    query: pageQuerySchema,
    audit: { action: "list", resourceType: "webhook_endpoint", resourceId: () => null },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, query }) => {
    const page = await listEndpoints(principal.organizationId, query);
    return json({ data: page.items.map((e) => serializeEndpoint(e)), nextCursor: page.nextCursor, hasMore: page.nextCursor !== null });
  },
);

// POST /api/portal/settings/webhooks — add an endpoint; its whsec_ secret is in this answer only
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    body: createEndpointRequest,
    audit: {
      action: "create",
      resourceType: "webhook_endpoint",
      resourceId: idFromBody<{ data: { id: string } }>((body) => body.data.id),
      detail: ({ body }) => ({ host: urlHost(body.url), events: body.events?.length ? body.events : ["all"] }),
    },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, body }) => {
    const endpoint = await createEndpoint({ organizationId: principal.organizationId, ...body });
    return json({ data: { ...serializeEndpoint(endpoint, endpoint.secret), secret: endpoint.secret } }, { status: 201 });
  },
);

// Any other method — 405 in the portal's shape, with Allow
export const { PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET", "POST"]);
