import { actorOf } from "@/lib/audit";
import { json, methodsNotAllowed, route } from "@/lib/http";
import { deployProfile, deployResponse, profileIdParams, serializeDeployOutcome } from "@/lib/coach";

// POST /v1/coach-profiles/{profile_id}/deploy — make the profile the organisation's active one
export const POST = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    requireWriteHeaders: true,
    idempotent: true,
    params: profileIdParams,
    audit: { action: "deploy", resourceType: "coach_profile", resourceId: ({ params }) => params.profile_id },
    openapi: {
      operationId: "deployCoachProfile",
      summary: "Deploy a coach profile (make it active)",
      description:
        "Promotes a previously-created candidate to the active profile for the organization; the profile it replaces is retired. The next chat session opens against this profile; sessions already open keep theirs. Returns `previous_active_profile_id` so partners can roll back by deploying it (a retired profile can be deployed again). Deploying the active profile changes nothing and answers as its deploy did. 404 if the profile is unknown or belongs to another organization. Concurrent deploys are serialised: exactly one profile is active afterwards.",
      tags: ["Coach profiles"],
      responses: { 200: { description: "The active profile and the one it replaced", schema: deployResponse } },
    },
  },
  async ({ principal, params }) => json({ data: serializeDeployOutcome(await deployProfile(principal.organizationId, params.profile_id, actorOf(principal))) }),
);

// Any other method — 405 in this surface's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["POST"]);
