import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { demoMembers } from "@/lib/portal/coach";

// GET /api/portal/coach/members — members with ready labs, to try the coach with (admins)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    audit: { action: "list", resourceType: "member", resourceId: () => null },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal }) => json({ data: await demoMembers(principal.organizationId) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET"]);
