import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { reactivatePortalUser } from "@/lib/portal/users";
import { portalUserIdParams } from "@/lib/portal/users-schemas";

// POST /api/portal/settings/users/{user_id}/reactivate — let a deactivated user sign in again (admins)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: portalUserIdParams,
    audit: { action: "reactivate", resourceType: "portal_user", resourceId: ({ params }) => params.user_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await reactivatePortalUser(principal.organizationId, principal, params.user_id) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
