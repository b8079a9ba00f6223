import { noContent, route } from "@/lib/http";

// GET /v1/diagnostics/auth — 204 when the API key is valid
export const GET = route({ surface: "partner", auth: "apiKey", scope: "read" }, async () => noContent());

// POST /v1/diagnostics/auth — 204 when the API key and the write headers are valid
export const POST = route({ surface: "partner", auth: "apiKey", scope: "write", requireWriteHeaders: true }, async () =>
  noContent(),
);
