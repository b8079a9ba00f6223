import { json, pageQuerySchema, route } from "@/lib/http";
import { listMemberLabs, serializeLabSummary, userPathParams } from "@/lib/labs";

// GET /v1/users/{user_id}/labs — pending, processing, ready and failed results, newest first, paginated
export const GET = route(
  { surface: "member", auth: "member", params: userPathParams, query: pageQuerySchema },
  async ({ principal, query }) => {
    const page = await listMemberLabs(principal.organizationId, principal.memberId, query);
    return json({ data: page.items.map(serializeLabSummary), next_cursor: page.nextCursor, has_more: page.nextCursor !== null });
  },
);
