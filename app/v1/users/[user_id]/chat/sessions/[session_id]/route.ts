import { json, methodsNotAllowed, route } from "@/lib/http";
import { chatSessionResponse, getSession, serializeSession, sessionPathParams } from "@/lib/coach";

// GET /v1/users/{user_id}/chat/sessions/{session_id} — the transcript
export const GET = route(
  {
    surface: "member",
    auth: "member",
    params: sessionPathParams,
    audit: { action: "read", resourceType: "chat_session", resourceId: ({ params }) => params.session_id },
    openapi: {
      operationId: "getChatSession",
      summary: "Read a chat transcript",
      description: "The session's messages, oldest first, with the profile it opened with.",
      tags: ["Coach chat"],
      responses: { 200: { description: "The session and its transcript", schema: chatSessionResponse } },
    },
  },
  async ({ principal, params }) => json({ data: serializeSession(await getSession(principal.organizationId, principal.memberId, params.session_id)) }),
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("member", ["GET"]);
