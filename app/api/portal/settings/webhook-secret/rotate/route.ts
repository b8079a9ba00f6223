import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { rotateBody } from "@/lib/portal/settings-webhooks-schemas";
import { rotateSecret, serializeSecretSet } from "@/lib/webhooks";

// POST /api/portal/settings/webhook-secret/rotate — a new agent-run secret, shown once; the old one signs alongside for the grace period
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    body: rotateBody,
    audit: {
      action: "rotate",
      resourceType: "webhook_secret",
      resourceId: ({ principal }) => principal.organizationId,
      detail: ({ body }) => ({ graceHours: body.graceHours }),
    },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal, body }) => json({ data: serializeSecretSet(await rotateSecret({ organizationId: principal.organizationId, graceHours: body.graceHours })) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
