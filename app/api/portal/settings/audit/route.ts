import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { listAuditEvents } from "@/lib/audit/log";
import { auditListQuery } from "@/lib/organizations/settings-schemas";

// GET /api/portal/settings/audit — the organisation's audit trail, newest first, filtered, cursor-paginated (admins)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    query: auditListQuery,
    audit: { action: "list", resourceType: "audit_event", resourceId: () => null },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, query }) => json(await listAuditEvents(principal.organizationId, query)),
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET"]);
