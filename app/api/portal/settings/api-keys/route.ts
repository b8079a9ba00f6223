import { idFromBody, json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { createOrganizationApiKey, listOrganizationApiKeys } from "@/lib/organizations/api-keys";
import { createApiKeyBody, type PortalCreatedApiKey } from "@/lib/organizations/settings-schemas";

type Created = { data: PortalCreatedApiKey };

// GET /api/portal/settings/api-keys — the organisation's keys by prefix, live ones first (admins)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    audit: { action: "list", resourceType: "api_key", resourceId: () => null },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal }) => json({ data: await listOrganizationApiKeys(principal.organizationId) }),
);

// POST /api/portal/settings/api-keys — a new key with a name and scopes; the only answer with its secret (admins)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    body: createApiKeyBody,
    audit: {
      action: "create",
      resourceType: "api_key",
      resourceId: idFromBody<Created>((body) => body.data.id),
      detail: (_ctx, response) =>
        response
          .clone()
          .json()
          .then(({ data }: Created) => ({ name: data.name, scopes: data.scopes, prefix: data.prefix })),
    },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, body }) => json({ data: await createOrganizationApiKey(principal.organizationId, body) }, { status: 201 }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET", "POST"]);
