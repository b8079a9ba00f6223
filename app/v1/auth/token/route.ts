import { issueMemberToken } from "@/lib/auth/member-tokens";
import { tokenRequestBody } from "@/lib/auth/schemas";
import { json, route } from "@/lib/http";
import { resolveMemberForToken } from "@/lib/members";

// POST /v1/auth/token — mint a member-scoped JWT (creating the member from external_id when asked)
export const POST = route(
  { surface: "member", auth: "apiKey", scope: "write", body: tokenRequestBody, idempotent: true },
  async ({ principal, body }) => {
    const member = await resolveMemberForToken(principal.organizationId, body);
    const { token, expiresIn } = await issueMemberToken(principal.organizationId, member.id, principal.apiKeyId);
    return json({ data: { access_token: token, token_type: "bearer", expires_in: expiresIn, user_id: member.id } });
  },
);
