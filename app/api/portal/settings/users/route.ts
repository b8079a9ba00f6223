import { idFromBody, json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { invitePortalUser, listPortalUsers } from "@/lib/portal/users";
import { inviteUserBody } from "@/lib/portal/users-schemas";

// GET /api/portal/settings/users — the organisation's portal users with status and last sign-in (admins)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    audit: { action: "list", resourceType: "portal_user", resourceId: () => null },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal }) => json({ data: await listPortalUsers(principal.organizationId, principal.userId) }),
);

// POST /api/portal/settings/users — invite a user by e-mail with a role; they get a sign-in link (admins)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    body: inviteUserBody,
    audit: {
      action: "invite",
      resourceType: "portal_user",
      resourceId: idFromBody<{ data: { id: string } }>((body) => body.data.id),
      detail: ({ body }) => ({ email: body.email, role: body.role }),
    },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, body }) => json({ data: await invitePortalUser(principal.organizationId, principal, body) }, { status: 201 }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET", "POST"]);
