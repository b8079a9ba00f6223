import { json, route } from "@/lib/http";
import { openApiDocument } from "@/lib/openapi/document";
import { ROUTES } from "@/app/routes.generated";

// GET /openapi.json — the OpenAPI 3.1 document, built from the route declarations
export const GET = route(
  {
    surface: "platform",
    auth: "none",
    openapi: {
      operationId: "getOpenApiJson",
      summary: "This document (JSON)",
      description: "Built from the `route()` declarations of the running app; rendered for people at /docs.",
      tags: ["Platform"],
      responses: { 200: { description: "OpenAPI 3.1", contentType: "application/json" } },
    },
  },
  async () => json(openApiDocument(ROUTES)),
);
