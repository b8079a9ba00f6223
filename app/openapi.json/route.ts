import { openApiDocument } from "@/lib/openapi/document";

// GET /openapi.json — the OpenAPI 3.1 document, generated from the zod schemas
export function GET(): Response {
  return Response.json(openApiDocument());
}
