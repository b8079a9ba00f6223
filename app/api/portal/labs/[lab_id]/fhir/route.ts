import { methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { getPortalLabFhirBundle } from "@/lib/portal/lab-detail";
import { labIdParams } from "@/lib/portal/schemas";

// GET /api/portal/labs/{lab_id}/fhir — download the lab's FHIR R4 Bundle
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    params: labIdParams,
    audit: { action: "read", resourceType: "lab_result", resourceId: ({ params }) => params.lab_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => {
    const bundle = await getPortalLabFhirBundle(principal.organizationId, params.lab_id);
    return new Response(JSON.stringify(bundle), {
      headers: {
        "content-type": "application/fhir+json",
        "content-disposition": `attachment; filename="lab-${params.lab_id}.fhir.json"`,
      },
    });
  },
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET"]);
