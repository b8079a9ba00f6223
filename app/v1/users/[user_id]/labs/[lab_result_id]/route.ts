import { methodsNotAllowed, route } from "@/lib/http";
import { labDetailResponse, labPathParams } from "@/lib/labs";
import { ifNoneMatchHits, readMemberLabBody } from "@/lib/labs/read-cache";

// GET /v1/users/{user_id}/labs/{lab_result_id} — one lab result with status and, when ready, its interpretation.
// A ready lab's answer is serialised once and served as stored bytes with a strong ETag; `If-None-Match` with
// that tag gets a 304 (lib/labs/read-cache.ts). Still audited: a 304 is a read too.
export const GET = route(
  {
    surface: "member",
    auth: "member",
    params: labPathParams,
    audit: { action: "read", resourceType: "lab_result", resourceId: ({ params }) => params.lab_result_id },
    openapi: {
      operationId: "getMemberLabResult",
      summary: "Get a lab result",
      description:
        "Its status and, once `ready`, the analytes, findings, trends, `patient_response`, `clinician_response` (Markdown) and citations. " +
        "A ready lab's answer carries a strong `ETag`; send it back as `If-None-Match` to get `304 Not Modified` while it is unchanged.",
      tags: ["Labs"],
      responses: {
        200: {
          description: "The lab result",
          schema: labDetailResponse,
          headers: { ETag: { description: "Strong entity tag of a `ready` lab's answer (absent while it is in progress)", schema: { type: "string" } } },
        },
        304: { description: "Not modified: `If-None-Match` named the ready lab's current `ETag`" },
      },
    },
  },
  async ({ request, principal, params }) => {
    const { body, etag, status } = await readMemberLabBody(principal.organizationId, principal.memberId, params.lab_result_id);
    // Only a ready lab's bytes are fixed; one still in progress answers afresh each time, without a tag.
    const headers: Record<string, string> = status === "ready" ? { etag } : {};
    if (status === "ready" && ifNoneMatchHits(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    return new Response(typeof body === "string" ? body : heldBytesStream(body), { status: 200, headers: { "content-type": "application/json", ...headers } });
  },
);

/**
 * The held bytes as they are: a `Response` made from a Uint8Array copies it (and transfers the copy into a byte
 * stream) on every request; a plain stream of the one chunk does not. Nothing writes to the chunk.
 */
function heldBytesStream(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("member", ["GET"]);
