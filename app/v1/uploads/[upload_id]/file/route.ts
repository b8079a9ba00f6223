import { route } from "@/lib/http";
import { uploadFilePathParams } from "@/lib/uploads/schemas";
import { downloadUrlFor } from "@/lib/uploads/service";

// GET /v1/uploads/{upload_id}/file — redirect to a short-lived download URL of the uploaded file
export const GET = route(
  { surface: "member", auth: "memberOrApiKey", scope: "read", params: uploadFilePathParams },
  async ({ principal, params }) => {
    const memberId = principal.kind === "member" ? principal.memberId : undefined;
    const location = await downloadUrlFor(principal.organizationId, params.upload_id, memberId);
    return new Response(null, { status: 307, headers: { location } });
  },
);
