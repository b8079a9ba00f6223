import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { getSigningSecret, serializeSecretSet } from "@/lib/webhooks";

// POST /api/portal/settings/webhook-secret/reveal — the agent-run signing secret in full, for this answer only (audited)
export const POST = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    audit: { action: "reveal", resourceType: "webhook_secret", resourceId: ({ principal }) => principal.organizationId },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal }) => json({ data: serializeSecretSet(await getSigningSecret({ organizationId: principal.organizationId })) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["POST"]);
