import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { deactivatePortalUser } from "@/lib/portal/users";
import { portalUserIdParams } from "@/lib/portal/users-schemas";

// POST /api/portal/settings/users/{user_id}/deactivate — deactivate a user: no sign-in, and their sessions end at once (admins; 409 for yourself or the last admin)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: portalUserIdParams,
    audit: { action: "deactivate", resourceType: "portal_user", resourceId: ({ params }) => params.user_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await deactivatePortalUser(principal.organizationId, principal, params.user_id) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
