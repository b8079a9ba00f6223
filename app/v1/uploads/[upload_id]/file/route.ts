import { methodsNotAllowed, route } from "@/lib/http";
import { uploadFilePathParams } from "@/lib/uploads/schemas";
import { downloadUrlFor } from "@/lib/uploads/service";

// GET /v1/uploads/{upload_id}/file — redirect to a short-lived download URL of the uploaded file
export const GET = route(
  {
    surface: "member",
    auth: "memberOrApiKey",
    scope: "read",
    params: uploadFilePathParams,
    audit: { action: "read", resourceType: "upload", resourceId: ({ params }) => params.upload_id },
    openapi: {
      operationId: "downloadUploadedFile",
      summary: "Download an uploaded file",
      description: "A member reads only its own uploads; an API key any upload of its organisation.",
      tags: ["Uploads"],
      responses: {
        307: {
          description: "Redirect to a signed download URL, valid for five minutes",
          headers: { Location: { description: "The signed download URL", schema: { type: "string" } } },
        },
      },
    },
  },
  async ({ principal, params }) => {
    const memberId = principal.kind === "member" ? principal.memberId : undefined;
    const location = await downloadUrlFor(principal.organizationId, params.upload_id, memberId);
    return new Response(null, { status: 307, headers: { location } });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("member", ["GET"]);
