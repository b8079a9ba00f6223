import { idFromBody, json, methodsNotAllowed, route } from "@/lib/http";
import { registerUploadBody, registerUploadedLab, registerUploadResponse, userPathParams } from "@/lib/labs";

// POST /v1/users/{user_id}/labs/upload — register an uploaded file as a lab result and schedule processing
export const POST = route(
  {
    surface: "member",
    auth: "member",
    params: userPathParams,
    body: registerUploadBody,
    idempotent: true,
    audit: {
      action: "create",
      resourceType: "lab_result",
      resourceId: idFromBody((body: { data: { lab_result_id: string } }) => body.data.lab_result_id),
    },
    openapi: {
      operationId: "registerMemberLabUpload",
      summary: "Register an uploaded lab and schedule processing",
      description:
        "Returns 202 with the lab result id and the workflow id. If the workflow cannot start, the lab stays `pending` with `workflow_id: null`; registering the same file_url again retries.",
      tags: ["Labs"],
      requestExample: { file_url: "https://labwise.example.org/v1/uploads/5b0e7a52-1c4d-4e8f-9a3b-2d6c8e1f4a70/file" },
      responses: { 202: { description: "Accepted; processing is scheduled", schema: registerUploadResponse } },
      errors: { 409: "The file has not been uploaded yet, or this Idempotency-Key was used with another request" },
    },
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

// Any other method — 405 in this surface's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("member", ["POST"]);
