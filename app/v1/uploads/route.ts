import { AppError, json, route } from "@/lib/http";
import { createUpload } from "@/lib/uploads/service";
import { createUploadBody } from "@/lib/uploads/schemas";

// POST /v1/uploads — mint a pre-signed upload URL for one lab file
export const POST = route(
  { surface: "member", auth: "memberOrApiKey", scope: "write", body: createUploadBody, idempotent: true },
  async ({ principal, body }) => {
    const memberId = principal.kind === "member" ? principal.memberId : body.user_id;
    if (!memberId) {
      throw new AppError("VALIDATION_ERROR", "user_id is required with an API key", {
        issues: [{ loc: ["body", "user_id"], msg: "Field required when authenticating with an API key", type: "missing" }],
      });
    }
    if (principal.kind === "member" && body.user_id && body.user_id !== memberId) {
      throw new AppError("FORBIDDEN", "This token belongs to another member");
    }
    const upload = await createUpload({
      organizationId: principal.organizationId,
      memberId,
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
