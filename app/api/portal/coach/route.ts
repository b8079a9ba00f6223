import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { coachOverview } from "@/lib/portal/coach";

// GET /api/portal/coach — the organisation's coach profiles, the active one, the deploy history (admins)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    audit: { action: "list", resourceType: "coach_profile", resourceId: () => null },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal }) => json({ data: await coachOverview(principal.organizationId) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET"]);
