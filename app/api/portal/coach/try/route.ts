import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { tryCoach } from "@/lib/portal/coach";
import { tryCoachBody } from "@/lib/portal/coach-schemas";

// POST /api/portal/coach/try — a profile's greeting or reply about a demo member's labs, never stored (admins)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    body: tryCoachBody,
    // The member's lab facts are read: a PHI read of that member.
    audit: { action: "read", resourceType: "member", resourceId: ({ body }) => body.memberId },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, body }) => json({ data: await tryCoach(principal.organizationId, body) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
