import { idFromBody, json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { listPortalLabs, registerPortalUpload } from "@/lib/portal/labs";
import { labListQuery, registerPortalLabBody } from "@/lib/portal/schemas";

// GET /api/portal/labs — the organisation's labs, newest first, filtered, cursor-paginated
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    query: labListQuery,
    audit: { action: "list", resourceType: "lab_result", resourceId: () => null },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, query }) => json(await listPortalLabs(principal.organizationId, query)),
);

// POST /api/portal/labs — register an uploaded file as a lab and start its pipeline
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    body: registerPortalLabBody,
    audit: { action: "create", resourceType: "lab_result", resourceId: idFromBody<{ data: { id: string } }>((body) => body.data.id) },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, body }) => json({ data: await registerPortalUpload(principal.organizationId, body.uploadId) }, { status: 202 }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET", "POST"]);
