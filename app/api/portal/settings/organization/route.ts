import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { getOrganizationSettings, renameOrganization } from "@/lib/organizations/settings";
import { updateOrganizationBody } from "@/lib/organizations/settings-schemas";

type Renamed = { data: { id: string; name: string; previousName: string } };

// GET /api/portal/settings/organization — name, agent-run concurrency limit and this month's usage (admins)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    audit: { action: "read", resourceType: "organization", resourceId: ({ principal }) => principal.organizationId },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal }) => json({ data: await getOrganizationSettings(principal.organizationId) }),
);

// PATCH /api/portal/settings/organization — rename the organisation (admins)
export const PATCH = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    body: updateOrganizationBody,
    audit: {
      action: "update",
      resourceType: "organization",
      resourceId: ({ principal }) => principal.organizationId,
      detail: (_ctx, response) =>
        response
          .clone()
          .json()
          .then(({ data }: Renamed) => ({ oldName: data.previousName, newName: data.name })),
    },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, body }) => json({ data: await renameOrganization(principal.organizationId, body.name) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, DELETE } = methodsNotAllowed("portal", ["GET", "PATCH"]);
