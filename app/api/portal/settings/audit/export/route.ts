import { exportAuditCsv } from "@/lib/audit/export";
import { methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { auditExportQuery } from "@/lib/organizations/settings-schemas";

const EXPORTED_HEADER = "x-audit-rows-exported";

// GET /api/portal/settings/audit/export — the filtered trail as a CSV download, up to AUDIT_EXPORT_CAP rows (admins)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    query: auditExportQuery,
    audit: {
      action: "export",
      resourceType: "audit_event",
      resourceId: () => null,
      detail: ({ query }, response) => ({ ...query, rows: Number(response.headers.get(EXPORTED_HEADER)) }),
    },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, query }) => {
    const file = await exportAuditCsv(principal.organizationId, query);
    return new Response(file.body, {
      headers: {
        "content-type": "text/csv; charset=utf-8; header=present",
        "content-disposition": `attachment; filename="${file.fileName}"`,
        "x-audit-rows-total": String(file.total),
        [EXPORTED_HEADER]: String(file.exported),
      },
    });
  },
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET"]);
