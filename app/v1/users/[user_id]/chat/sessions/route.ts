import { idFromBody, json, methodsNotAllowed, route } from "@/lib/http";
import { chatSessionResponse, openSession, serializeSession } from "@/lib/coach";
import { userPathParams } from "@/lib/labs";

// POST /v1/users/{user_id}/chat/sessions — open a chat with the organisation's active coach, which greets
export const POST = route(
  {
    surface: "member",
    auth: "member",
    params: userPathParams,
    audit: { action: "create", resourceType: "chat_session", resourceId: idFromBody((body: { data: { session_id: string } }) => body.data.session_id) },
    openapi: {
      operationId: "openChatSession",
      summary: "Open a chat session with the coach",
      description:
        "Opens against the organisation's active coach profile and answers with the coach's greeting. The session keeps this profile for its whole life, whatever is deployed later. 409 when no profile is active.",
      tags: ["Coach chat"],
      responses: { 201: { description: "The session, opening with the greeting", schema: chatSessionResponse } },
      errors: { 409: "No coach profile is active for this organisation" },
    },
  },
  async ({ principal }) => json({ data: serializeSession(await openSession(principal.organizationId, principal.memberId)) }, { status: 201 }),
);

// Any other method — 405 in this surface's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("member", ["POST"]);
