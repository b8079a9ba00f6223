import { json, methodsNotAllowed, pageQuerySchema, route } from "@/lib/http";
import { deployListResponse, listDeploys, serializeDeploy } from "@/lib/coach";

// GET /v1/coach-profiles/deploys — the history of deploys, newest first, paginated
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    query: pageQuerySchema,
    openapi: {
      operationId: "listCoachDeploys",
      summary: "List coach profile deploys",
      description: "Every deploy that changed the active profile — from which profile, to which, by whom, when — newest first, cursor-paginated.",
      tags: ["Coach profiles"],
      responses: { 200: { description: "A page of deploys", schema: deployListResponse } },
    },
  },
  async ({ principal, query }) => {
    const page = await listDeploys(principal.organizationId, query);
    return json({ data: page.items.map(serializeDeploy), next_cursor: page.nextCursor, has_more: page.nextCursor !== null });
  },
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET"]);
