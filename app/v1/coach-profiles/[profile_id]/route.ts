import { json, methodsNotAllowed, noContent, route } from "@/lib/http";
import { deleteProfile, getProfile, personaFieldsFrom, profileIdParams, profileResponse, serializeProfile, updateProfile, updateProfileRequest } from "@/lib/coach";

// GET /v1/coach-profiles/{profile_id} — one profile
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    params: profileIdParams,
    openapi: {
      operationId: "getCoachProfile",
      summary: "Read a coach profile",
      tags: ["Coach profiles"],
      responses: { 200: { description: "The profile", schema: profileResponse } },
    },
  },
  async ({ principal, params }) => json({ data: serializeProfile(await getProfile(principal.organizationId, params.profile_id)) }),
);

// PATCH /v1/coach-profiles/{profile_id} — change a candidate
export const PATCH = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    params: profileIdParams,
    body: updateProfileRequest,
    audit: { action: "update", resourceType: "coach_profile", resourceId: ({ params }) => params.profile_id },
    openapi: {
      operationId: "updateCoachProfile",
      summary: "Change a candidate coach profile",
      description:
        "Only the fields given change. Only a `candidate` can change: an active or retired profile is what members were coached with and answers 409 — create a candidate from it (`from_profile_id`) and deploy that.",
      tags: ["Coach profiles"],
      requestExample: { tone: "direct", reading_level: "standard" },
      responses: { 200: { description: "The profile as it is now", schema: profileResponse } },
      errors: { 409: "The profile is active or retired: only a candidate can change" },
    },
  },
  async ({ principal, params, body }) => json({ data: serializeProfile(await updateProfile(principal.organizationId, params.profile_id, personaFieldsFrom(body))) }),
);

// DELETE /v1/coach-profiles/{profile_id} — delete a candidate
export const DELETE = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    params: profileIdParams,
    audit: { action: "delete", resourceType: "coach_profile", resourceId: ({ params }) => params.profile_id },
    openapi: {
      operationId: "deleteCoachProfile",
      summary: "Delete a candidate coach profile",
      description: "Only a `candidate` can be deleted; an active or retired profile answers 409 (it stays, with the sessions that used it).",
      tags: ["Coach profiles"],
      responses: { 204: { description: "Deleted" } },
      errors: { 409: "The profile is active or retired: only a candidate can be deleted" },
    },
  },
  async ({ principal, params }) => {
    await deleteProfile(principal.organizationId, params.profile_id);
    return noContent();
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT } = methodsNotAllowed("partner", ["GET", "PATCH", "DELETE"]);
