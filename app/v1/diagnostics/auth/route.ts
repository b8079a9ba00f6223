import { methodsNotAllowed, noContent, route } from "@/lib/http";

// GET /v1/diagnostics/auth — 204 when the API key is valid
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "read",
    openapi: {
      operationId: "checkApiKey",
      summary: "Check an API key",
      tags: ["Diagnostics"],
      responses: { 204: { description: "The key is valid" } },
    },
  },
  async () => noContent(),
);

// POST /v1/diagnostics/auth — 204 when the API key and the write headers are valid
export const POST = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "write",
    requireWriteHeaders: true,
    openapi: {
      operationId: "checkApiKeyAndWriteHeaders",
      summary: "Check an API key and the write headers",
      description: "What every partner POST needs: a key with the `write` scope, `x-correlation-id` and `Idempotency-Key`.",
      tags: ["Diagnostics"],
      responses: { 204: { description: "The key and the headers are valid" } },
    },
  },
  async () => noContent(),
);

// Any other method — 405 in this surface's shape, with Allow
export const { PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET", "POST"]);
