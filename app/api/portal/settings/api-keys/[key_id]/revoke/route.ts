import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { revokeOrganizationApiKey } from "@/lib/organizations/api-keys";
import { apiKeyIdParams, type PortalApiKey } from "@/lib/organizations/settings-schemas";

// POST /api/portal/settings/api-keys/{key_id}/revoke — the API refuses the key from now on (admins)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: apiKeyIdParams,
    audit: {
      action: "revoke",
      resourceType: "api_key",
      resourceId: ({ params }) => params.key_id,
      detail: (_ctx, response) =>
        response
          .clone()
          .json()
          .then(({ data }: { data: PortalApiKey }) => ({ prefix: data.prefix, name: data.name })),
    },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await revokeOrganizationApiKey(principal.organizationId, params.key_id) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
