import { z } from "zod";

export const tokenRequestBody = z
  .object({
    user_id: z.uuid().optional().describe("An existing member"),
    external_id: z.string().trim().min(1).max(200).optional().describe("The partner's own id for the member"),
    create: z.boolean().default(false).describe("Create the member from external_id if it does not exist"),
    display_name: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((b) => Boolean(b.user_id) !== Boolean(b.external_id), {
    error: "Give exactly one of user_id or external_id",
    path: ["user_id"],
  })
  .meta({ id: "MemberTokenRequest" });

export const tokenResponse = z
  .object({
    data: z.object({
      access_token: z.string(),
      token_type: z.literal("bearer"),
      expires_in: z.number().int(),
      user_id: z.uuid(),
    }),
  })
  .meta({ id: "MemberTokenResponse" });
