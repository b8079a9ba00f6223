import { json, methodsNotAllowed, route } from "@/lib/http";
import { chatMessageResponse, messageRequest, postMessage, replyEventStream, serializeMessage, sessionPathParams, wantsEventStream } from "@/lib/coach";

// POST /v1/users/{user_id}/chat/sessions/{session_id}/messages — the coach's reply, as JSON or server-sent events
export const POST = route(
  {
    surface: "member",
    auth: "member",
    params: sessionPathParams,
    body: messageRequest,
    maxBodyBytes: 32 * 1024,
    audit: { action: "create", resourceType: "chat_message", resourceId: ({ params }) => params.session_id },
    openapi: {
      operationId: "postChatMessage",
      summary: "Send the coach a message",
      description:
        "Answers with the coach's reply, grounded in the member's own ready lab results and the guideline corpus, in the voice of the session's profile, with numbered citations. With `Accept: text/event-stream` the same reply arrives as server-sent events: `delta` events whose `text` chunks concatenate to the Markdown, then one `done` event carrying the whole message as the JSON answer would.",
      tags: ["Coach chat"],
      requestExample: { content: "Is my cholesterol in range?" },
      responses: {
        200: { description: "The coach's reply (as server-sent events when asked for `text/event-stream`)", schema: chatMessageResponse },
      },
    },
  },
  async ({ request, principal, params, body }) => {
    const reply = serializeMessage(await postMessage(principal.organizationId, principal.memberId, params.session_id, body.content));
    if (!wantsEventStream(request)) return json({ data: reply });
    return new Response(replyEventStream(reply), { status: 200, headers: { "content-type": "text/event-stream; charset=utf-8", "x-accel-buffering": "no" } });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("member", ["POST"]);
