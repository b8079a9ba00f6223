import { idFromBody, json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { createPatient, searchPatients } from "@/lib/portal/patients";
import { createPatientBody, patientListQuery } from "@/lib/portal/schemas";

// GET /api/portal/patients — the organisation's patients, searched by name or external id
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    query: patientListQuery,
    audit: { action: "list", resourceType: "member", resourceId: () => null },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, query }) => json(await searchPatients(principal.organizationId, query)),
);

// POST /api/portal/patients — add a patient (before uploading their first lab)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    body: createPatientBody,
    audit: { action: "create", resourceType: "member", resourceId: idFromBody<{ data: { id: string } }>((body) => body.data.id) },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, body }) => json({ data: await createPatient(principal.organizationId, body) }, { status: 201 }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET", "POST"]);
