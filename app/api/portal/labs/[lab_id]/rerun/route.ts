import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { rerunFailedLab } from "@/lib/labs/rerun";
import { getPortalLabSummary } from "@/lib/portal/labs";
import { labIdParams } from "@/lib/portal/schemas";

// POST /api/portal/labs/{lab_id}/rerun — run a failed lab's pipeline again
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    params: labIdParams,
    audit: { action: "update", resourceType: "lab_result", resourceId: ({ params }) => params.lab_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => {
    await rerunFailedLab(principal.organizationId, params.lab_id);
    return json({ data: await getPortalLabSummary(principal.organizationId, params.lab_id) }, { status: 202 });
  },
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
