import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { getPatientOverview } from "@/lib/portal/patient-overview";
import { patientIdParams } from "@/lib/portal/schemas";

// GET /api/portal/patients/{patient_id} — the patient and their results as one trend series per analyte
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    params: patientIdParams,
    audit: { action: "read", resourceType: "member", resourceId: ({ params }) => params.patient_id },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, params }) => json({ data: await getPatientOverview(principal.organizationId, params.patient_id) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET"]);
