import { z } from "zod";
import { json, route } from "@/lib/http";
import { serveSignedGet } from "@/lib/storage/transfer";
import { receiveUploadBytes } from "@/lib/uploads/receive-upload";

const params = z.object({ key: z.array(z.string().regex(/^[A-Za-z0-9._-]+$/)).min(1) });

// PUT /storage/{key} — receive the bytes of a signed upload URL, once (local storage driver)
export const PUT = route({ surface: "member", auth: "none", params }, async ({ request, params, url }) => {
  const { size, sha256 } = await receiveUploadBytes(request, params.key.join("/"), url.searchParams);
  return json({ data: { size, sha256 } });
});

// GET /storage/{key} — serve a signed download URL (local storage driver)
export const GET = route({ surface: "member", auth: "none", params }, async ({ params, url }) =>
  serveSignedGet(params.key.join("/"), url.searchParams),
);
