import { actorOf } from "@/lib/audit";
import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { deployCoachProfile } from "@/lib/portal/coach";
import { coachProfileIdParams } from "@/lib/portal/coach-schemas";

// POST /api/portal/coach/profiles/{profile_id}/deploy — make the profile the active one (admins)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: coachProfileIdParams,
    audit: { action: "deploy", resourceType: "coach_profile", resourceId: ({ params }) => params.profile_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await deployCoachProfile(principal.organizationId, params.profile_id, actorOf(principal)) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
