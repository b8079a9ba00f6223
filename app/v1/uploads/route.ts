import { json, route } from "@/lib/http";
import { createUpload, uploadOwner } from "@/lib/uploads/service";
import { createUploadBody } from "@/lib/uploads/schemas";

// POST /v1/uploads — mint a pre-signed upload URL for one lab file
export const POST = route(
  { surface: "member", auth: "memberOrApiKey", scope: "write", body: createUploadBody, idempotent: true },
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
