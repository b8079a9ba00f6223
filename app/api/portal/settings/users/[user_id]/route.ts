import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { changePortalUserRole, type RoleChange } from "@/lib/portal/users";
import { changeRoleBody, portalUserIdParams } from "@/lib/portal/users-schemas";

// PATCH /api/portal/settings/users/{user_id} — make a user an admin or a clinician; ends their sessions (admins; 409 for the last admin)
export const PATCH = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: portalUserIdParams,
    body: changeRoleBody,
    audit: {
      action: "update",
      resourceType: "portal_user",
      resourceId: ({ params }) => params.user_id,
      detail: (_ctx, response) =>
        response
          .clone()
          .json()
          .then(({ change }: { change: Pick<RoleChange, "from" | "to"> }) => change),
    },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params, body }) => {
    const { user, from, to } = await changePortalUserRole(principal.organizationId, principal, params.user_id, body.role);
    return json({ data: user, change: { from, to } });
  },
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, POST, PUT, DELETE } = methodsNotAllowed("portal", ["PATCH"]);
