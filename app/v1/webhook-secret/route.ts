import { json, methodsNotAllowed, route } from "@/lib/http";
import { getSigningSecret, organizationSecretSchema, serializeSecretSet } from "@/lib/webhooks";

// GET /v1/webhook-secret — the organisation's signing secret for agent-run webhooks, in full
export const GET = route(
  {
    surface: "partner",
    auth: "apiKey",
    scope: "admin",
    // A secret read: recorded in the access trail like a PHI read.
    audit: { action: "read", resourceType: "webhook_secret", resourceId: ({ principal }) => principal.organizationId },
    openapi: {
      operationId: "getWebhookSigningSecret",
      summary: "Read the organisation's webhook signing secret",
      description:
        "Webhooks to a Lab Results Agent run's own `webhookUrl` have no endpoint; they are signed with this organisation-wide secret. It is shown in full because your receiver needs it to verify; every read is audited. During a rotation's grace period the previous secret still signs too (its fingerprint is shown, not the secret).",
      tags: ["Webhook management"],
      responses: { 200: { description: "The secret", schema: organizationSecretSchema } },
    },
  },
  async ({ principal }) => json(serializeSecretSet(await getSigningSecret({ organizationId: principal.organizationId }))),
);

// Any other method — 405 in this surface's shape, with Allow
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed("partner", ["GET"]);
