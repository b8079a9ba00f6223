import { json, route } from "@/lib/http";
import { registerUploadBody, registerUploadedLab, userPathParams } from "@/lib/labs";

// POST /v1/users/{user_id}/labs/upload — register an uploaded file as a lab result and schedule processing
export const POST = route(
  {
    surface: "member",
    auth: "member",
    params: userPathParams,
    body: registerUploadBody,
    idempotent: true,
  },
  async ({ principal, body }) => {
    const lab = await registerUploadedLab({
      organizationId: principal.organizationId,
      memberId: principal.memberId,
      fileUrl: body.file_url,
    });
    return json(
      { data: { lab_result_id: lab.labResultId, status: lab.status, workflow_id: lab.workflowId } },
      { status: 202 },
    );
  },
);
