import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { createPortalUpload } from "@/lib/portal/labs";
import { createPortalUploadBody } from "@/lib/portal/schemas";

// POST /api/portal/uploads — a pre-signed URL for one file of one patient (the API's own upload flow)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    body: createPortalUploadBody,
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, body }) => json({ data: await createPortalUpload(principal.organizationId, body) }, { status: 201 }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
