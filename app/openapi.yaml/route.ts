import { stringify } from "yaml";
import { route } from "@/lib/http";
import { openApiDocument } from "@/lib/openapi/document";
import { ROUTES } from "@/app/routes.generated";

// GET /openapi.yaml — the same document as YAML
export const GET = route(
  {
    surface: "platform",
    auth: "none",
    openapi: {
      operationId: "getOpenApiYaml",
      summary: "This document (YAML)",
      tags: ["Platform"],
      responses: { 200: { description: "OpenAPI 3.1", contentType: "application/yaml" } },
    },
  },
  async () =>
    new Response(stringify(openApiDocument(ROUTES), { aliasDuplicateObjects: false }), {
      headers: { "content-type": "application/yaml; charset=utf-8" },
    }),
);
