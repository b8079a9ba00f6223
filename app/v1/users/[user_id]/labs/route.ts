import { json, methodsNotAllowed, pageQuerySchema, route } from "@/lib/http";
import { labListResponse, listMemberLabs, serializeLabSummary, userPathParams } from "@/lib/labs";

// GET /v1/users/{user_id}/labs — pending, processing, ready and failed results, newest first, paginated
export const GET = route(
  {
    surface: "member",
    auth: "member",
    params: userPathParams,
    query: pageQuerySchema,
    audit: { action: "list", resourceType: "lab_result", resourceId: ({ params }) => params.user_id },
    openapi: {
      operationId: "listMemberLabResults",
      summary: "List processed and in-flight lab results",
      description: "Pending, processing, ready and failed results in one cursor-paginated read, `created_at` descending.",
      tags: ["Labs"],
      responses: { 200: { description: "A page of lab results", schema: labListResponse } },
    },
  },
  async ({ principal, query }) => {
    const page = await listMemberLabs(principal.organizationId, principal.memberId, query);
    return json({ data: page.items.map(serializeLabSummary), next_cursor: page.nextCursor, has_more: page.nextCursor !== null });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("member", ["GET"]);
