import { z } from "zod";

/**
 * Content types a lab file may have (DESIGN §5.2). HL7 v2 messages and CSV often arrive as text/plain;
 * the pipeline detects the real format from the content.
 */
export const UPLOAD_CONTENT_TYPES = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/tiff",
  "text/csv",
  "application/json",
  "application/fhir+json",
  "application/hl7-v2",
  "x-application/hl7-v2+er7",
  "text/plain",
] as const;

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

export const createUploadBody = z
  .object({
    filename: z.string().trim().min(1).max(255).describe("Original file name, kept for display"),
    content_type: z.enum(UPLOAD_CONTENT_TYPES, {
      error: `content_type must be one of: ${UPLOAD_CONTENT_TYPES.join(", ")}`,
    }),
    size: z
      .number()
      .int()
      .positive()
      .max(MAX_UPLOAD_BYTES, { error: `size must be at most ${MAX_UPLOAD_BYTES} bytes (25 MB)` })
      .describe("Exact size in bytes of the file that will be PUT"),
    user_id: z.uuid().optional().describe("Owner of the file; required with an API key, implied by a member token"),
  })
  .strict()
  .meta({ id: "CreateUploadRequest" });

export const uploadFilePathParams = z.object({ upload_id: z.uuid() });

export const uploadResponse = z
  .object({
    data: z.object({
      upload_id: z.uuid(),
      upload_url: z.url().describe("Pre-signed URL: PUT the file here with exactly the headers below"),
      method: z.literal("PUT"),
      headers: z.record(z.string(), z.string()),
      file_url: z.url().describe("Pass this to POST /v1/users/{user_id}/labs/upload once the PUT succeeded"),
      expires_at: z.iso.datetime(),
    }),
  })
  .meta({ id: "CreateUploadResponse" });
