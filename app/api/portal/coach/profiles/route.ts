import { actorOf } from "@/lib/audit";
import { idFromBody, json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { createCoachProfile } from "@/lib/portal/coach";
import { createCoachProfileBody } from "@/lib/portal/coach-schemas";

// POST /api/portal/coach/profiles — a new candidate, from scratch or copied from another profile (admins)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    body: createCoachProfileBody,
    audit: { action: "create", resourceType: "coach_profile", resourceId: idFromBody<{ data: { id: string } }>((body) => body.data.id) },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, body }) => json({ data: await createCoachProfile(principal.organizationId, actorOf(principal), body) }, { status: 201 }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
