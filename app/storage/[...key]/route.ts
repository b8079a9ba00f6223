import { z } from "zod";
import { json, route } from "@/lib/http";
import { serveSignedGet } from "@/lib/storage/transfer";
import { receiveUploadBytes } from "@/lib/uploads/receive-upload";

const params = z.object({ key: z.array(z.string().regex(/^[A-Za-z0-9._-]+$/)).min(1) });

const SIGNED =
  "Local storage driver only (with S3 the bucket answers). The URL's query — `expires`, `signature` and, for a PUT, `content_type` and `size` — is minted by Labwise: use the URL exactly as given.";

// PUT /storage/{key} — receive the bytes of a signed upload URL, once (local storage driver)
export const PUT = route(
  {
    surface: "member",
    auth: "none",
    params,
    openapi: {
      operationId: "putSignedUpload",
      summary: "Upload a file's bytes to its signed URL",
      description: `The \`upload_url\` of \`POST /v1/uploads\`: send exactly the declared bytes with the returned headers. It accepts one successful PUT. ${SIGNED}`,
      tags: ["Uploads"],
      rawRequestBody: { description: "The file, with the declared content type and size", contentType: "*/*", example: "Test,Result,Unit\nGlucose,99,mg/dL\n" },
      responses: {
        200: { description: "Stored", schema: z.object({ data: z.object({ size: z.int(), sha256: z.string() }) }).meta({ id: "StoredUpload" }) },
      },
      errors: {
        403: "The URL is not signed, the signature is wrong, or it has expired",
        409: "This upload URL has already been used",
        413: "More bytes than declared",
        415: "Content-Type differs from the declared one",
      },
    },
  },
  async ({ request, params, url }) => {
    const { size, sha256 } = await receiveUploadBytes(request, params.key.join("/"), url.searchParams);
    return json({ data: { size, sha256 } });
  },
);

// GET /storage/{key} — serve a signed download URL (local storage driver)
export const GET = route(
  {
    surface: "member",
    auth: "none",
    params,
    openapi: {
      operationId: "getSignedDownload",
      summary: "Download a file from its signed URL",
      description: `Where \`GET /v1/uploads/{upload_id}/file\` redirects to; valid for five minutes. ${SIGNED}`,
      tags: ["Uploads"],
      responses: { 200: { description: "The file's bytes, with its stored content type", contentType: "application/octet-stream" } },
      errors: { 403: "The URL is not signed, the signature is wrong, or it has expired" },
    },
  },
  async ({ params, url }) => serveSignedGet(params.key.join("/"), url.searchParams),
);
