import { issueMemberToken } from "@/lib/auth/member-tokens";
import { tokenRequestBody, tokenResponse } from "@/lib/auth/schemas";
import { json, methodsNotAllowed, route } from "@/lib/http";
import { resolveMemberForToken } from "@/lib/members";

// POST /v1/auth/token — mint a member-scoped JWT (creating the member from external_id when asked)
export const POST = route(
  {
    surface: "member",
    auth: "apiKey",
    scope: "write",
    body: tokenRequestBody,
    idempotent: true,
    openapi: {
      operationId: "createMemberToken",
      summary: "Mint a member-scoped token",
      description:
        "Returns a short-lived JWT whose `sub` is the member id. With `external_id` and `create: true` the member is created on first use.",
      tags: ["Members"],
      requestExample: { external_id: "patient-8841", create: true, display_name: "Sam" },
      responses: { 200: { description: "The token", schema: tokenResponse } },
    },
  },
  async ({ principal, body }) => {
    const member = await resolveMemberForToken(principal.organizationId, body);
    const { token, expiresIn } = await issueMemberToken(principal.organizationId, member.id, principal.apiKeyId);
    return json({ data: { access_token: token, token_type: "bearer", expires_in: expiresIn, user_id: member.id } });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("member", ["POST"]);
