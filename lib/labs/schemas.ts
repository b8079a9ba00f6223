/** Request and response schemas of the member lab routes (seed 000): validation, tests and OpenAPI. */
import { z } from "zod";
import { labStatusSchema, memberLabDetailSchema, memberLabSummarySchema, memberRunSchema } from "./member-serializers";

export const userPathParams = z.object({ user_id: z.uuid() });
export const labPathParams = userPathParams.extend({ lab_result_id: z.uuid() });
export const jobPathParams = userPathParams.extend({ job_id: z.string().min(1).max(200) });

export const registerUploadBody = z
  .object({ file_url: z.string().min(1).max(2048).describe("The file_url returned by POST /v1/uploads") })
  .meta({ id: "RegisterUploadRequest" });

export const registerUploadResponse = z
  .object({
    data: z.object({
      lab_result_id: z.uuid(),
      status: labStatusSchema,
      workflow_id: z.string().nullable().describe("null when the workflow could not be started; register again to retry"),
    }),
  })
  .meta({ id: "RegisterUploadResponse" });

export const labListResponse = z
  .object({ data: z.array(memberLabSummarySchema), next_cursor: z.string().nullable(), has_more: z.boolean() })
  .meta({ id: "MemberLabList" });

export const labDetailResponse = z.object({ data: memberLabDetailSchema }).meta({ id: "MemberLabDetailResponse" });
export const jobResponse = z.object({ data: memberRunSchema }).meta({ id: "MemberJobResponse" });
