import { methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { portalLabFileUrl } from "@/lib/portal/lab-detail";
import { labIdParams } from "@/lib/portal/schemas";

// GET /api/portal/labs/{lab_id}/file — redirect to a short-lived download URL of the lab's original file
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    params: labIdParams,
    audit: { action: "read", resourceType: "lab_result", resourceId: ({ params }) => params.lab_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => new Response(null, { status: 307, headers: { location: await portalLabFileUrl(principal.organizationId, params.lab_id) } }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET"]);
