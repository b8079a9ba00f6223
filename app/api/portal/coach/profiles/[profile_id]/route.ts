import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { getCoachProfile, updateCoachProfile } from "@/lib/portal/coach";
import { coachProfileIdParams, updateCoachProfileBody } from "@/lib/portal/coach-schemas";

// GET /api/portal/coach/profiles/{profile_id} — one profile (admins)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: coachProfileIdParams,
    audit: { action: "read", resourceType: "coach_profile", resourceId: ({ params }) => params.profile_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await getCoachProfile(principal.organizationId, params.profile_id) }),
);

// PATCH /api/portal/coach/profiles/{profile_id} — change a candidate (409 for an active or retired one)
export const PATCH = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    params: coachProfileIdParams,
    body: updateCoachProfileBody,
    audit: { action: "update", resourceType: "coach_profile", resourceId: ({ params }) => params.profile_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params, body }) => json({ data: await updateCoachProfile(principal.organizationId, params.profile_id, body) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, DELETE } = methodsNotAllowed("portal", ["GET", "PATCH"]);
