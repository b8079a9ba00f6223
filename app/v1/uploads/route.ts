import { json, methodsNotAllowed, route } from "@/lib/http";
import { createUpload, uploadOwner } from "@/lib/uploads/service";
import { createUploadBody, uploadResponse } from "@/lib/uploads/schemas";

// POST /v1/uploads — mint a pre-signed upload URL for one lab file
export const POST = route(
  {
    surface: "member",
    auth: "memberOrApiKey",
    scope: "write",
    body: createUploadBody,
    idempotent: true,
    openapi: {
      operationId: "createUpload",
      summary: "Mint a pre-signed upload URL",
      description:
        "Step one of the upload flow: PUT the file to `upload_url` with exactly the returned headers, then register `file_url`. Files up to 25 MB: PDF, PNG, JPEG, TIFF, CSV, JSON, FHIR JSON, HL7 v2.",
      tags: ["Uploads"],
      requestExample: { filename: "cmp-2026-01.csv", content_type: "text/csv", size: 1843 },
      responses: { 201: { description: "Upload URL minted", schema: uploadResponse } },
    },
  },
  async ({ principal, body }) => {
    const upload = await createUpload({
      organizationId: principal.organizationId,
      memberId: uploadOwner(principal, body.user_id),
      filename: body.filename,
      contentType: body.content_type,
      size: body.size,
    });
    return json(
      {
        data: {
          upload_id: upload.uploadId,
          upload_url: upload.signed.url,
          method: upload.signed.method,
          headers: upload.signed.headers,
          file_url: upload.fileUrl,
          expires_at: upload.signed.expiresAt.toISOString(),
        },
      },
      { status: 201 },
    );
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("member", ["POST"]);
