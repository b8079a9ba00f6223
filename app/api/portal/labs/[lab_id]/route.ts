import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { getPortalLabDetail } from "@/lib/portal/lab-detail";
import { labIdParams } from "@/lib/portal/schemas";

// GET /api/portal/labs/{lab_id} — one lab of the organisation as its detail page shows it (polled while it runs)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    params: labIdParams,
    audit: { action: "read", resourceType: "lab_result", resourceId: ({ params }) => params.lab_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await getPortalLabDetail(principal.organizationId, params.lab_id) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET"]);
