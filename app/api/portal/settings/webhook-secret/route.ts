import { json, methodsNotAllowed, PORTAL_ENDPOINT, route } from "@/lib/http";
import { getSigningSecretStatus } from "@/lib/portal/settings-webhooks";

// GET /api/portal/settings/webhook-secret — which secret signs agent-run webhooks, by fingerprint (never the secret)
export const GET = route(
  {
    surface: "portal",
    auth: "portalSession",
    role: "admin",
    audit: { action: "read", resourceType: "webhook_secret", resourceId: ({ principal }) => principal.organizationId },
    openapi: PORTAL_ENDPOINT,
  },
  async ({ principal }) => json({ data: await getSigningSecretStatus(principal.organizationId) }),
);

// Any other method — 405 in the portal's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("portal", ["GET"]);
