import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { resendInvite } from "@/lib/portal/users";
import { portalUserIdParams } from "@/lib/portal/users-schemas";

// POST /api/portal/settings/users/{user_id}/resend-invite — a new sign-in link for a user who has not signed in yet (admins)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: portalUserIdParams,
    audit: { action: "invite", resourceType: "portal_user", resourceId: ({ params }) => params.user_id, detail: () => ({ resend: true }) },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await resendInvite(principal.organizationId, principal, params.user_id) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
