import { actorOf } from "@/lib/audit";
import { idFromBody, json, methodsNotAllowed, route } from "@/lib/http";
import { createProfile, createProfileRequest, listProfiles, personaFieldsFrom, profileListQuery, profileListResponse, profileResponse, serializeProfile } from "@/lib/coach";

// POST /v1/coach-profiles — create a candidate, from scratch or copied from another profile
export const POST = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    requireWriteHeaders: true,
    idempotent: true,
    body: createProfileRequest,
    audit: { action: "create", resourceType: "coach_profile", resourceId: idFromBody((body: { data: { id: string } }) => body.data.id) },
    openapi: {
      operationId: "createCoachProfile",
      summary: "Create a candidate coach profile",
      description:
        "A new profile is a `candidate` with the organisation's next version number. With `from_profile_id` it starts as a copy of that profile (typically the active one: this is how the active coach is changed) and the fields given replace the copied ones; without it, `name`, `persona`, `tone`, `reading_level`, `greeting` and `guardrails` are required. Nothing changes for members until it is deployed.",
      tags: ["Coach profiles"],
      requestExample: {
        name: "Warm coach, plain language",
        persona: "A friendly health coach who explains lab results in everyday words.",
        tone: "warm",
        reading_level: "plain",
        focus_areas: ["cholesterol", "blood sugar"],
        greeting: "Hi! I can help you understand your lab results.",
        guardrails: {
          decline_topics: ["supplements"],
          clinician_referral: "That is a question for your doctor or nurse, who knows your whole health picture.",
          emergency_message: "If you have chest pain, trouble breathing or signs of a stroke, call your local emergency number now.",
        },
        citation_policy: "inline",
      },
      responses: { 201: { description: "The candidate", schema: profileResponse } },
      errors: { 404: "`from_profile_id` names no profile of this organisation" },
    },
  },
  async ({ principal, body }) => {
    const { from_profile_id, ...fields } = body;
    const profile = await createProfile({ organizationId: principal.organizationId, actor: actorOf(principal), fromProfileId: from_profile_id, fields: personaFieldsFrom(fields) });
    return json({ data: serializeProfile(profile) }, { status: 201 });
  },
);

// GET /v1/coach-profiles — the organisation's profiles, newest first, paginated, optionally by status
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    query: profileListQuery,
    openapi: {
      operationId: "listCoachProfiles",
      summary: "List coach profiles",
      description: "Newest first, cursor-paginated; `status` keeps one status (`candidate`, `active`, `retired`). At most one profile is active.",
      tags: ["Coach profiles"],
      responses: { 200: { description: "A page of profiles", schema: profileListResponse } },
    },
  },
  async ({ principal, query }) => {
    const page = await listProfiles(principal.organizationId, query);
    return json({ data: page.items.map(serializeProfile), next_cursor: page.nextCursor, has_more: page.nextCursor !== null });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET", "POST"]);
