import { actorOf } from "@/lib/audit";
import { idFromBody, json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { rollBackCoach } from "@/lib/portal/coach";

// POST /api/portal/coach/rollback — deploy the profile the latest deploy replaced (admins; 409 if none)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    audit: { action: "rollback", resourceType: "coach_profile", resourceId: idFromBody<{ data: { activeProfileId: string } }>((body) => body.data.activeProfileId) },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal }) => json({ data: await rollBackCoach(principal.organizationId, actorOf(principal)) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
